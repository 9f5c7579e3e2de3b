import type * as Y from 'yjs'
import { writesOf } from './update-values.js'

/** Fields of the comments room that name who wrote something (see shared/src/ydoc/comments.ts). */
const authorKeys = new Set(['createdBy', 'authorId'])

/** The writer, as the token says: a comment names them by id and by name. */
export interface CommentWriter {
  id: string
  displayName: string
}

/** A comment entry names its writer, by id and by the name others will read. */
const names = (value: unknown, writer: CommentWriter): boolean => {
  if (typeof value !== 'object' || value === null || !('authorId' in value)) return true
  const entry = value as { authorId: unknown; authorName?: unknown }
  return entry.authorId === writer.id && entry.authorName === writer.displayName
}

/**
 * Whether every thread and comment an update writes to a comments room is signed by the
 * participant sending it, in whatever encoding, and leaves every existing author as it is:
 * nobody can write a comment in someone else's name (id or displayed name), nor take over
 * someone else's thread.
 */
export const authoredBy = (update: Uint8Array, doc: Y.Doc, writer: CommentWriter): boolean => {
  const writes = writesOf(update, doc)
  if (!writes) return false
  return writes.every(({ key, values, overwrites }) => {
    // Who wrote a thread is set once, by its writer, and never rewritten by anyone.
    if (key !== null && authorKeys.has(key)) {
      if (overwrites || values.some((value) => value !== writer.id)) return false
    }
    return values.every((value) => names(value, writer))
  })
}
