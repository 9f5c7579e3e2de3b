import type { EditorState } from '@tiptap/pm/state'
import {
  absolutePositionToRelativePosition,
  type ProsemirrorBinding,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { CommentThread } from '../../../../shared/src/ydoc/comments.js'

/** Where a thread's passage is in the editor now; `undefined` when it has been deleted. */
export type PassageRange = { from: number; to: number } | undefined

const bindingOf = (state: EditorState): ProsemirrorBinding | undefined => {
  const binding: unknown = ySyncPluginKey.getState(state)?.binding
  return binding && typeof binding === 'object' && 'mapping' in binding
    ? (binding as ProsemirrorBinding)
    : undefined
}

/**
 * Anchors a selection in the text room with Yjs relative positions, through the sync plugin's
 * mapping between ProseMirror nodes and Yjs types, so the anchor follows the characters.
 */
export const anchorSelection = (
  state: EditorState,
): { anchorStart: Uint8Array; anchorEnd: Uint8Array; quote: string } | undefined => {
  const binding = bindingOf(state)
  const { from, to, empty } = state.selection
  if (!binding || empty) return undefined
  const start = absolutePositionToRelativePosition(from, binding.type, binding.mapping)
  const end = absolutePositionToRelativePosition(to, binding.type, binding.mapping)
  return {
    anchorStart: Y.encodeRelativePosition(start),
    anchorEnd: Y.encodeRelativePosition(end),
    quote: state.doc.textBetween(from, to, ' ').slice(0, 500),
  }
}

/** Resolves two encoded anchors against the current text; collapsed or lost is `undefined`. */
export const resolveRange = (
  state: EditorState,
  anchorStart: Uint8Array,
  anchorEnd: Uint8Array,
): PassageRange => {
  const binding = bindingOf(state)
  if (!binding) return undefined
  const resolve = (encoded: Uint8Array) => {
    try {
      return relativePositionToAbsolutePosition(
        binding.doc,
        binding.type,
        Y.decodeRelativePosition(encoded),
        binding.mapping,
      )
    } catch {
      // Bytes written by another client that do not decode: treat as a lost passage.
      return null
    }
  }
  const from = resolve(anchorStart)
  const to = resolve(anchorEnd)
  if (from === null || to === null || from >= to) return undefined
  const size = state.doc.content.size
  return { from: Math.min(from, size), to: Math.min(to, size) }
}

/** Resolves a thread's anchors against the current text; collapsed or lost means orphaned. */
export const resolvePassage = (state: EditorState, thread: CommentThread): PassageRange =>
  resolveRange(state, thread.anchorStart, thread.anchorEnd)
