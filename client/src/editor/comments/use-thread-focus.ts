import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ThreadDraft } from './use-comment-draft.js'

/**
 * Which thread is open and which passage is being commented on, for a text and its comments
 * panel. A draft is dropped once the person may no longer comment (a closed caucus, a new role).
 */
export const useThreadFocus = (canComment: boolean) => {
  const [activeThread, setActiveThread] = useState<string>()
  const [draft, setDraft] = useState<ThreadDraft>()
  useEffect(() => {
    if (!canComment) setDraft(undefined)
  }, [canComment])
  const onDraftDone = useCallback((threadId: string) => {
    setDraft(undefined)
    setActiveThread(threadId)
  }, [])
  /** What `CommentsPanel` takes of this state. */
  const panel = useMemo(
    () => ({
      activeThread,
      onActivate: setActiveThread,
      draft,
      onDraftDone,
      onDraftCancel: () => setDraft(undefined),
    }),
    [activeThread, draft, onDraftDone],
  )
  return { activeThread, setActiveThread, draft, setDraft, panel }
}
