import { useEffect, useSyncExternalStore } from 'react'
import { combinedStatus } from '../sync/combined-status.js'
import type { SaveStatus } from '../sync/save-tracker.js'
import type { DocumentRooms } from './use-document-rooms.js'

/** The document's save status, and a warning before the tab closes with unsaved changes. */
export const useSaveStatus = ({ text, comments }: DocumentRooms): SaveStatus => {
  const textStatus = useSyncExternalStore(text.saves.subscribe, () => text.saves.status)
  const commentsStatus = useSyncExternalStore(comments.saves.subscribe, () => comments.saves.status)
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (text.saves.unsaved || comments.saves.unsaved) event.preventDefault()
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [text, comments])
  return combinedStatus([textStatus, commentsStatus])
}
