import { writtenValues } from './update-values.js'

/** Fields of the comments room that name who wrote something (see shared/src/ydoc/comments.ts). */
const authorKeys = new Set(['createdBy', 'authorId'])

const names = (value: unknown, participantId: string): boolean =>
  typeof value === 'object' && value !== null && 'authorId' in value
    ? (value as { authorId: unknown }).authorId === participantId
    : true

/**
 * Whether every thread and comment an update creates in a comments room is signed by the
 * participant sending it: nobody can write a comment in someone else's name.
 */
export const authoredBy = (update: Uint8Array, participantId: string): boolean => {
  for (const { key, values } of writtenValues(update)) {
    if (key !== null && authorKeys.has(key) && values.some((value) => value !== participantId)) {
      return false
    }
    if (!values.every((value) => names(value, participantId))) return false
  }
  return true
}
