import type { Database, Statement } from 'better-sqlite3'

/** A range of one Yjs client's clocks that one participant's update deleted. */
export interface DeletedRange {
  participantId: string
  client: number
  clock: number
  length: number
}

/** What one committed update of a room says about who wrote it. */
export interface RoomAuthorship {
  room: string
  /** Yjs client ids first written with in this update, and by whom. */
  writers: readonly (readonly [client: number, participantId: string])[]
  deletions: readonly DeletedRange[]
}

/** A stored deletion; `participantId` is null once that participant's record was erased. */
export type StoredDeletion = Omit<DeletedRange, 'participantId'> & { participantId: string | null }

/**
 * Who made each change of a room's text: which participant wrote with which Yjs client id (one
 * row per client id, so insertions cost nothing per keystroke), and which ranges each committed
 * update deleted (Yjs delete sets carry no author). Kept beside the room log, never folded by
 * compaction: item ids survive it.
 */
export class AuthorshipStore {
  readonly #insertWriter: Statement<[string, number, string]>
  readonly #insertDeletion: Statement<[string, number, number, number, string]>
  readonly #selectWriters: Statement<[string], { client: number; participant_id: string | null }>
  readonly #selectDeletions: Statement<
    [string],
    { client: number; clock: number; length: number; participant_id: string | null }
  >

  constructor(private readonly db: Database) {
    // OR IGNORE: the first writer of a client id keeps it, and a row already there must never
    // fail the commit of the updates it describes.
    this.#insertWriter = db.prepare(
      'INSERT OR IGNORE INTO room_writer (room, client, participant_id) VALUES (?, ?, ?)',
    )
    this.#insertDeletion = db.prepare(
      `INSERT OR IGNORE INTO room_deletion (room, client, clock, length, participant_id)
       VALUES (?, ?, ?, ?, ?)`,
    )
    this.#selectWriters = db.prepare(
      'SELECT client, participant_id FROM room_writer WHERE room = ?',
    )
    this.#selectDeletions = db.prepare(
      `SELECT client, clock, length, participant_id FROM room_deletion
       WHERE room = ? ORDER BY client, clock`,
    )
  }

  /** Records who wrote what; call inside the transaction that stores the updates. */
  record(batch: readonly RoomAuthorship[]): void {
    for (const { room, writers, deletions } of batch) {
      for (const [client, participantId] of writers)
        this.#insertWriter.run(room, client, participantId)
      for (const { client, clock, length, participantId } of deletions)
        this.#insertDeletion.run(room, client, clock, length, participantId)
    }
  }

  /** Client id → who writes with it (null: someone erased). */
  writers(room: string): Map<number, string | null> {
    return new Map(this.#selectWriters.all(room).map((row) => [row.client, row.participant_id]))
  }

  /** Every deletion in the room, by client and clock. */
  deletions(room: string): StoredDeletion[] {
    return this.#selectDeletions.all(room).map((row) => ({
      client: row.client,
      clock: row.clock,
      length: row.length,
      participantId: row.participant_id,
    }))
  }

  deleteRoom(room: string): void {
    this.db.prepare('DELETE FROM room_writer WHERE room = ?').run(room)
    this.db.prepare('DELETE FROM room_deletion WHERE room = ?').run(room)
  }
}
