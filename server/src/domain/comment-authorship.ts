import * as Y from 'yjs'

/** Fields of the comments room that name who wrote something (see shared/src/ydoc/comments.ts). */
const authorKeys = new Set(['createdBy', 'authorId'])

const names = (value: unknown, participantId: string): boolean =>
  typeof value === 'object' && value !== null && 'authorId' in value
    ? (value as { authorId: unknown }).authorId === participantId
    : true

/**
 * Whether every thread and comment an update creates in a comments room is signed by the
 * participant sending it: nobody can write a comment in someone else's name. The update is
 * decoded (V1, as applying it would) but not applied.
 */
export const authoredBy = (update: Uint8Array, participantId: string): boolean => {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
    const values = struct.content.arr
    if (struct.parentSub !== null && authorKeys.has(struct.parentSub)) {
      if (values.some((value) => value !== participantId)) return false
    }
    if (!values.every((value) => names(value, participantId))) return false
  }
  return true
}
