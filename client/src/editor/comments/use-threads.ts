import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { type CommentThread, readThreads, threadsOf } from '../../../../shared/src/ydoc/comments.js'
import type { PassageRange } from './anchors.js'
import { commentHighlightsKey, setHighlightedThreads } from './comment-highlights.js'

export interface PlacedThread {
  thread: CommentThread
  range: PassageRange
}

/**
 * The comment threads of the document, placed in the text: in document order, orphans (whose
 * passage was deleted) last. Keeps the editor's highlights in step with the comments room.
 */
export const usePlacedThreads = (
  editor: Editor,
  doc: Y.Doc,
  activeThread: string | undefined,
): PlacedThread[] => {
  const [threads, setThreads] = useState<CommentThread[]>(() => readThreads(doc))
  useEffect(() => {
    const root = threadsOf(doc)
    const update = () => setThreads(readThreads(doc))
    root.observeDeep(update)
    update()
    return () => root.unobserveDeep(update)
  }, [doc])
  useEffect(() => {
    if (editor.isDestroyed) return
    editor.view.dispatch(setHighlightedThreads(editor.state.tr, threads, activeThread))
  }, [editor, threads, activeThread])
  const ranges = useEditorState({
    editor,
    selector: ({ editor: current }) => commentHighlightsKey.getState(current.state)?.ranges,
    equalityFn: (a, b) => a === b,
  })
  const placed = threads.map((thread) => ({ thread, range: ranges?.get(thread.id) }))
  return placed.sort((a, b) => {
    if (!a.range || !b.range)
      return a.range ? -1 : b.range ? 1 : a.thread.createdAt.localeCompare(b.thread.createdAt)
    return a.range.from - b.range.from
  })
}
