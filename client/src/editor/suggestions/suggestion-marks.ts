import { Mark, mergeAttributes } from '@tiptap/core'
import { SuggestionMark } from '../../../../shared/src/ydoc/suggestions.js'

/** Attributes kept in the document as data-* so a copy and paste keeps who suggested. */
const suggestionAttributes = {
  id: { default: '', parseHTML: (el: HTMLElement) => el.dataset.suggestion ?? '' },
  authorId: { default: '', parseHTML: (el: HTMLElement) => el.dataset.author ?? '' },
  authorName: { default: '', parseHTML: (el: HTMLElement) => el.dataset.authorName ?? '' },
  group: { default: 'citizen', parseHTML: (el: HTMLElement) => el.dataset.group ?? 'citizen' },
}

const rendered = (kind: 'insert' | 'delete', attrs: Record<string, unknown>) => ({
  class: `suggestion suggestion--${kind} group-${String(attrs.group)}`,
  'data-suggestion': String(attrs.id),
  'data-author': String(attrs.authorId),
  'data-author-name': String(attrs.authorName),
  'data-group': String(attrs.group),
  title: String(attrs.authorName),
})

/**
 * Not inclusive: typing next to someone's suggestion is not part of it (the suggesting plugin
 * marks what its own author types).
 */
const suggestionMark = (name: SuggestionMark, kind: 'insert' | 'delete', tag: 'ins' | 'del') =>
  Mark.create({
    name,
    inclusive: false,
    excludes: `${SuggestionMark.insert} ${SuggestionMark.delete}`,
    addAttributes: () => ({
      id: { ...suggestionAttributes.id, rendered: false },
      authorId: { ...suggestionAttributes.authorId, rendered: false },
      authorName: { ...suggestionAttributes.authorName, rendered: false },
      group: { ...suggestionAttributes.group, rendered: false },
    }),
    parseHTML: () => [{ tag: `${tag}[data-suggestion]` }],
    renderHTML: ({ mark, HTMLAttributes }) => [
      tag,
      mergeAttributes(HTMLAttributes, rendered(kind, mark.attrs)),
      0,
    ],
  })

export const SuggestionInsert = suggestionMark(SuggestionMark.insert, 'insert', 'ins')
export const SuggestionDelete = suggestionMark(SuggestionMark.delete, 'delete', 'del')
