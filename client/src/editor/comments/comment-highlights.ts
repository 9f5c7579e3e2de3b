import { Extension } from '@tiptap/core'
import { type EditorState, Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import type { CommentThread } from '../../../../shared/src/ydoc/comments.js'
import { type PassageRange, resolvePassage } from './anchors.js'

export interface HighlightState {
  threads: CommentThread[]
  activeId: string | undefined
  ranges: Map<string, PassageRange>
  decorations: DecorationSet
}

export const commentHighlightsKey = new PluginKey<HighlightState>('commentHighlights')

/** Tells the plugin which threads exist and which one is open in the side panel. */
export const setHighlightedThreads = (
  tr: Transaction,
  threads: CommentThread[],
  activeId: string | undefined,
): Transaction => tr.setMeta(commentHighlightsKey, { threads, activeId })

const decorate = (state: EditorState, value: Omit<HighlightState, 'decorations'>) => {
  const decorations: Decoration[] = []
  for (const thread of value.threads) {
    const range = value.ranges.get(thread.id)
    if (!range || thread.resolved) continue
    const active = thread.id === value.activeId ? ' is-active' : ''
    decorations.push(
      Decoration.inline(range.from, range.to, {
        class: `comment-highlight${active}`,
        'data-thread-id': thread.id,
      }),
    )
  }
  return DecorationSet.create(state.doc, decorations)
}

const resolveAll = (
  state: EditorState,
  threads: CommentThread[],
  activeId: string | undefined,
): HighlightState => {
  const ranges = new Map(threads.map((thread) => [thread.id, resolvePassage(state, thread)]))
  const value = { threads, activeId, ranges }
  return { ...value, decorations: decorate(state, value) }
}

/**
 * Highlights commented passages with decorations. Positions are resolved from the Yjs anchors
 * whenever the text changes through Yjs (remote edits, undo) or the threads change, because only
 * then is the sync plugin's mapping current; local keystrokes just map the ranges forward.
 */
export const CommentHighlights = Extension.create<{ onActivate: (threadId: string) => void }>({
  name: 'commentHighlights',
  addOptions: () => ({ onActivate: () => {} }),
  addProseMirrorPlugins() {
    const { onActivate } = this.options
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: () => ({
            threads: [],
            activeId: undefined,
            ranges: new Map(),
            decorations: DecorationSet.empty,
          }),
          apply(tr, value, _old, state) {
            const meta = tr.getMeta(commentHighlightsKey) as
              | { threads: CommentThread[]; activeId: string | undefined }
              | undefined
            if (meta) return resolveAll(state, meta.threads, meta.activeId)
            if (tr.getMeta(ySyncPluginKey) !== undefined) {
              return resolveAll(state, value.threads, value.activeId)
            }
            if (!tr.docChanged) return value
            const ranges = new Map<string, PassageRange>()
            for (const [id, range] of value.ranges) {
              if (!range) ranges.set(id, undefined)
              else {
                const from = tr.mapping.map(range.from, 1)
                const to = tr.mapping.map(range.to, -1)
                ranges.set(id, from < to ? { from, to } : undefined)
              }
            }
            return { ...value, ranges, decorations: value.decorations.map(tr.mapping, tr.doc) }
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
          handleClick: (view, pos) => {
            const value = commentHighlightsKey.getState(view.state)
            for (const [id, range] of value?.ranges ?? []) {
              if (range && pos >= range.from && pos <= range.to) {
                onActivate(id)
                return false
              }
            }
            return false
          },
        },
      }),
    ]
  },
})
