import { Extension } from '@tiptap/core'
import type { MarkType, Node } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { type SuggestionAttrs, SuggestionMark } from '../../../../shared/src/ydoc/suggestions.js'
import { type Suggester, suggestTransaction } from './suggest-transaction.js'

/** One suggestion as the plan holds it now: its kind, who made it, its text and where it is. */
export interface Suggestion extends SuggestionAttrs {
  kind: 'insert' | 'delete'
  text: string
  ranges: { from: number; to: number }[]
}

/** Which suggestions a settling command applies to. */
export type SuggestionFilter = { id: string } | { authorId: string }

/** Set on transactions that must apply as they are (settling a suggestion). */
const asIs = 'suggestionsAsIs'

/** Every suggestion in `doc`, in reading order. */
export const suggestionsIn = (doc: Node): Suggestion[] => {
  const found = new Map<string, Suggestion>()
  doc.descendants((node, pos) => {
    if (!node.isText) return true
    for (const mark of node.marks) {
      const kind =
        mark.type.name === SuggestionMark.insert
          ? 'insert'
          : mark.type.name === SuggestionMark.delete
            ? 'delete'
            : undefined
      if (!kind) continue
      const attrs = mark.attrs as SuggestionAttrs
      const key = `${kind}:${attrs.id}`
      const range = { from: pos, to: pos + node.nodeSize }
      const known = found.get(key)
      if (known) {
        known.text += node.text ?? ''
        known.ranges.push(range)
      } else found.set(key, { ...attrs, kind, text: node.text ?? '', ranges: [range] })
    }
    return false
  })
  return [...found.values()]
}

const matches = (suggestion: Suggestion, filter: SuggestionFilter) =>
  'id' in filter ? suggestion.id === filter.id : suggestion.authorId === filter.authorId

/**
 * Accepting keeps a suggested insertion (drops its mark) and removes a suggested deletion's
 * text; rejecting does the opposite. Ranges are settled from the end so earlier ones stay put.
 * A paragraph of the plan that held nothing but the text going goes with it (a suggested first
 * paragraph rejected, say), rather than stay behind empty.
 */
const settle = (tr: Transaction, filter: SuggestionFilter, accept: boolean): boolean => {
  const schema = tr.doc.type.schema
  const chosen = suggestionsIn(tr.doc).filter((suggestion) => matches(suggestion, filter))
  const edits = chosen.flatMap((suggestion) =>
    suggestion.ranges.map((range) => ({
      ...range,
      type: schema.marks[
        suggestion.kind === 'insert' ? SuggestionMark.insert : SuggestionMark.delete
      ] as MarkType,
      remove: (suggestion.kind === 'insert') !== accept,
    })),
  )
  edits.sort((a, b) => b.from - a.from)
  for (const edit of edits) {
    if (!edit.remove) {
      tr.removeMark(edit.from, edit.to, edit.type)
      continue
    }
    const $from = tr.doc.resolve(edit.from)
    const whole =
      $from.depth === 1 &&
      tr.doc.childCount > 1 &&
      edit.from === $from.start() &&
      edit.to === $from.end()
    if (whole) tr.delete($from.before(), $from.after())
    else tr.delete(edit.from, edit.to)
  }
  tr.setMeta(asIs, true)
  return edits.length > 0
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    suggestions: {
      setSuggesting: (on: boolean) => ReturnType
      /** Suggesting, and nothing else: a commenter the facilitator lets suggest. */
      setSuggestOnly: (only: boolean) => ReturnType
      acceptSuggestions: (filter: SuggestionFilter) => ReturnType
      rejectSuggestions: (filter: SuggestionFilter) => ReturnType
    }
  }
  interface Storage {
    suggestions: SuggestingState
  }
}

interface SuggestingState {
  on: boolean
  /** Only suggestions: edits that are not wording (formatting, new paragraphs) do nothing. */
  only: boolean
  /**
   * Who suggests now, when it changed since the editor was made (a new group or name: the server
   * checks a commenter's suggestions against who they are now).
   */
  author?: Suggester['author']
}

/**
 * Suggesting: while on, this person's edits to the wording become suggestions (see
 * `suggestTransaction`); changes arriving through Yjs, and settling, apply as they are.
 */
export const Suggestions = Extension.create<Suggester, SuggestingState>({
  name: 'suggestions',
  addOptions: () => ({
    author: { authorId: '', authorName: '', group: 'citizen' },
    newId: () => crypto.randomUUID(),
  }),
  addStorage: () => ({ on: false, only: false }),
  addCommands() {
    return {
      setSuggesting:
        (on) =>
        ({ tr }) => {
          this.storage.on = on || this.storage.only
          tr.setMeta(asIs, true)
          return true
        },
      setSuggestOnly:
        (only) =>
        ({ tr }) => {
          this.storage.only = only
          this.storage.on = only
          tr.setMeta(asIs, true)
          return true
        },
      acceptSuggestions:
        (filter) =>
        ({ tr, dispatch }) =>
          dispatch ? settle(tr, filter, true) : true,
      rejectSuggestions:
        (filter) =>
        ({ tr, dispatch }) =>
          dispatch ? settle(tr, filter, false) : true,
    }
  },
  dispatchTransaction({ transaction, next }) {
    const suggesting =
      this.storage.on &&
      transaction.docChanged &&
      transaction.getMeta(asIs) === undefined &&
      transaction.getMeta(ySyncPluginKey) === undefined
    next(
      suggesting
        ? suggestTransaction(
            this.editor.state,
            transaction,
            { ...this.options, author: this.storage.author ?? this.options.author },
            this.storage.only,
          )
        : transaction,
    )
  },
})
