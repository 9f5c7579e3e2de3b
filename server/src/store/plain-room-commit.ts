import type { RoomHeads } from './commit-heads.js'

/** One room's part of a commit that needs nothing but rows: no deletions, no rules' writes. */
export interface PlainRoomCommit {
  room: string
  update: Uint8Array
  /** Participant → updates they made in it. */
  authors: readonly (readonly [participantId: string, updates: number])[]
  /** Client ids written with for the first time, and whose they are. */
  writers: readonly (readonly [client: number, participantId: string])[]
  /** Text characters each participant added and removed (one entry per participant). */
  edits: readonly { participantId: string; added: number; removed: number }[]
}

/**
 * Each engine's way to store plain commits in one trip to the database, in a transaction of
 * their own: rooms that no longer exist store nothing, the others' heads of the committing node
 * are numbered, and
 * the same rows are kept as `RoomLogRepository.append`, `ActivityRepository.add/addEdits` and
 * `AuthorshipRepository.record` keep in a transaction of several statements.
 */
export interface PlainRoomCommits {
  /**
   * Answers each stored room's heads: its commit number among `node`'s commits of it, and the
   * other nodes' last numbers in it; a room no longer there is missing from it.
   */
  store(batch: readonly PlainRoomCommit[], at: number, node: string): Promise<RoomHeads>
}

/** A batch's rows, table by table; a plain commit carries one update per room. */
export const rowsOf = (batch: readonly PlainRoomCommit[]) => {
  const rooms = batch.map(({ room }) => room)
  if (new Set(rooms).size !== rooms.length) throw new Error('one update per room and commit')
  return {
    rooms,
    authors: batch.flatMap(({ room, authors }) =>
      authors.map(([participantId, updates]) => ({ room, participantId, updates })),
    ),
    edits: batch.flatMap(({ room, edits }) => edits.map((edit) => ({ room, ...edit }))),
    writers: batch.flatMap(({ room, writers }) =>
      writers.map(([client, participantId]) => ({ room, client, participantId })),
    ),
  }
}
