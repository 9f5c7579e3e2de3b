import type * as Y from 'yjs'

/**
 * A restore, as the server announces it in the document's text room so that everyone with the
 * document open learns that the text under their caret was replaced, and by whom.
 */
export interface RestoreNotice {
  /** The version whose text was restored. */
  version: string
  /** The version saved from the text as it was just before: restoring it undoes the restore. */
  savedBefore: string
  /** The participant who restored. */
  by: string
  at: string
}

/** A map beside the text's fragment, keyed by `savedBefore`; only the server writes it. */
const rootName = 'restores'
/** Only the newest few are kept: a notice is news, the versions list is the history. */
const kept = 10

export const restoreNotices = (doc: Y.Doc): Y.Map<RestoreNotice> =>
  doc.getMap<RestoreNotice>(rootName)

/** The notices, oldest first. */
export const readRestoreNotices = (doc: Y.Doc): RestoreNotice[] =>
  [...restoreNotices(doc).values()].sort((a, b) => a.at.localeCompare(b.at))

export const writeRestoreNotice = (doc: Y.Doc, notice: RestoreNotice): void => {
  const notices = restoreNotices(doc)
  notices.set(notice.savedBefore, notice)
  for (const old of readRestoreNotices(doc).slice(0, -kept)) notices.delete(old.savedBefore)
}
