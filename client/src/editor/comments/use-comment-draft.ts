import type { Editor } from '@tiptap/core'
import { useCallback, useEffect } from 'react'
import { anchorSelection } from './anchors.js'

/** A passage chosen for a new thread, anchored before the text can move under it. */
export interface ThreadDraft {
  anchorStart: Uint8Array
  anchorEnd: Uint8Array
  quote: string
  /** What has been typed so far, kept across a reload of a plan document. */
  text?: string
}

/** Starts a thread on the selection: the toolbar button and Ctrl/⌘+Alt+M. */
export const useCommentDraft = (
  editor: Editor | null,
  canComment: boolean,
  setDraft: (draft: ThreadDraft | undefined) => void,
): (() => void) => {
  const start = useCallback(() => {
    if (!editor || !canComment) return
    const anchored = anchorSelection(editor.state)
    if (anchored) setDraft(anchored)
  }, [editor, canComment, setDraft])
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.altKey && event.key.toLowerCase() === 'm') {
        event.preventDefault()
        start()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [start])
  return start
}
