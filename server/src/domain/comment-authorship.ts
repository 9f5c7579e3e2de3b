import type * as Y from 'yjs'
import { writesOf } from './update-values.js'

/** Fields of the comments room that name who wrote something (see shared/src/ydoc/comments.ts). */
const authorKeys = new Set(['createdBy', 'authorId'])

const names = (value: unknown, participantId: string): boolean =>
  typeof value === 'object' && value !== null && 'authorId' in value
    ? (value as { authorId: unknown }).authorId === participantId
    : true

/**
 * Whether every thread and comment an update writes to a comments room is signed by the
 * participant sending it, in whatever encoding, and leaves every existing author as it is:
 * nobody can write a comment in someone else's name, nor take over someone else's thread.
 */
export const authoredBy = (update: Uint8Array, doc: Y.Doc, participantId: string): boolean => {
  const writes = writesOf(update, doc)
  if (!writes) return false
  return writes.every(({ key, values, overwrites }) => {
    // Who wrote a thread is set once, by its writer, and never rewritten by anyone.
    if (key !== null && authorKeys.has(key)) {
      if (overwrites || values.some((value) => value !== participantId)) return false
    }
    return values.every((value) => names(value, participantId))
  })
}
