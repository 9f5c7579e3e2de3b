import { useCallback, useEffect, useMemo, useState } from 'react'
import { keepDraft, readKeptDraft } from './kept-draft.js'
import type { ThreadDraft } from './use-comment-draft.js'

/**
 * Which thread is open and which passage is being commented on, for a text and its comments
 * panel. A draft is dropped once the person may no longer comment (a closed caucus, a new role).
 * With `keepUnder` (a comments room), the draft and its text survive a reload of the tab.
 */
export const useThreadFocus = (canComment: boolean, keepUnder?: string) => {
  const [activeThread, setActiveThread] = useState<string>()
  const [draft, setDraftState] = useState<ThreadDraft | undefined>(() =>
    keepUnder ? readKeptDraft(keepUnder) : undefined,
  )
  const setDraft = useCallback(
    (next: ThreadDraft | undefined) => {
      setDraftState(next)
      if (keepUnder) keepDraft(keepUnder, next)
    },
    [keepUnder],
  )
  useEffect(() => {
    if (!canComment) setDraft(undefined)
  }, [canComment, setDraft])
  const onDraftDone = useCallback(
    (threadId: string) => {
      setDraft(undefined)
      setActiveThread(threadId)
    },
    [setDraft],
  )
  /** What `CommentsPanel` takes of this state. */
  const panel = useMemo(
    () => ({
      activeThread,
      onActivate: setActiveThread,
      draft,
      onDraftDone,
      onDraftCancel: () => setDraft(undefined),
      onDraftText: (text: string) => {
        if (draft && keepUnder) keepDraft(keepUnder, { ...draft, text })
      },
    }),
    [activeThread, draft, onDraftDone, setDraft, keepUnder],
  )
  return { activeThread, setActiveThread, draft, setDraft, panel }
}
