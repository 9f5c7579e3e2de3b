import type { Database, Statement } from 'better-sqlite3'

import type {
  DeletedRange,
  RoomAuthorship,
  StoredDeletion,
  StoredWriter,
} from '../../../shared/src/schema/stored.js'

export type { DeletedRange, RoomAuthorship, StoredDeletion, StoredWriter }

/**
 * Who made each change of a room's text: which participant wrote with which Yjs client id (one
 * row per client id, so insertions cost nothing per keystroke), and which ranges each committed
 * update deleted (Yjs delete sets carry no author). Kept beside the room log, never folded by
 * compaction: item ids survive it.
 */
export class AuthorshipStore {
  readonly #insertWriter: Statement<[string, number, string, string]>
  readonly #insertDeletion: Statement<[string, number, number, number, string]>
  readonly #deletionBefore: Statement<
    [string, number, number],
    { clock: number; length: number; participant_id: string | null }
  >
  readonly #deletionAt: Statement<
    [string, number, number],
    { length: number; participant_id: string | null }
  >
  readonly #resizeDeletion: Statement<[number, string, number, number]>
  readonly #removeDeletion: Statement<[string, number, number]>
  readonly #selectWriters: Statement<[string], { client: number; participant_id: string | null }>
  readonly #selectWriterGroups: Statement<
    [string],
    { client: number; participant_id: string | null; stakeholder_group: string | null }
  >
  readonly #selectDeletions: Statement<
    [string],
    { client: number; clock: number; length: number; participant_id: string | null }
  >

  constructor(private readonly db: Database) {
    // OR IGNORE: the first writer of a client id keeps it, and a row already there must never
    // fail the commit of the updates it describes. The group is the writer's as they write.
    this.#insertWriter = db.prepare(
      `INSERT OR IGNORE INTO room_writer (room, client, participant_id, stakeholder_group)
       VALUES (?, ?, ?, (SELECT stakeholder_group FROM participant WHERE id = ?))`,
    )
    this.#insertDeletion = db.prepare(
      `INSERT OR IGNORE INTO room_deletion (room, client, clock, length, participant_id)
       VALUES (?, ?, ?, ?, ?)`,
    )
    this.#deletionBefore = db.prepare(
      `SELECT clock, length, participant_id FROM room_deletion
       WHERE room = ? AND client = ? AND clock < ? ORDER BY clock DESC LIMIT 1`,
    )
    this.#deletionAt = db.prepare(
      'SELECT length, participant_id FROM room_deletion WHERE room = ? AND client = ? AND clock = ?',
    )
    this.#resizeDeletion = db.prepare(
      'UPDATE room_deletion SET length = ? WHERE room = ? AND client = ? AND clock = ?',
    )
    this.#removeDeletion = db.prepare(
      'DELETE FROM room_deletion WHERE room = ? AND client = ? AND clock = ?',
    )
    this.#selectWriters = db.prepare(
      'SELECT client, participant_id FROM room_writer WHERE room = ?',
    )
    this.#selectWriterGroups = db.prepare(
      'SELECT client, participant_id, stakeholder_group FROM room_writer WHERE room = ?',
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
        this.#insertWriter.run(room, client, participantId, participantId)
      for (const deletion of deletions) this.#addDeletion(room, deletion)
    }
  }

  /**
   * Stores a deleted range, joined with the same person's ranges right before and after it:
   * holding backspace deletes one character per update, and that is one row, not one per key.
   */
  #addDeletion(room: string, { client, clock, length, participantId }: DeletedRange): void {
    let total = length
    const next = this.#deletionAt.get(room, client, clock + length)
    if (next && next.participant_id === participantId) {
      this.#removeDeletion.run(room, client, clock + length)
      total += next.length
    }
    const previous = this.#deletionBefore.get(room, client, clock)
    if (
      previous &&
      previous.participant_id === participantId &&
      previous.clock + previous.length === clock
    ) {
      this.#resizeDeletion.run(previous.length + total, room, client, previous.clock)
      return
    }
    this.#insertDeletion.run(room, client, clock, total, participantId)
  }

  /** Client id → who writes with it (null: someone erased). */
  writers(room: string): Map<number, string | null> {
    return new Map(this.#selectWriters.all(room).map((row) => [row.client, row.participant_id]))
  }

  /** Client id → who writes with it and their group when they first did. */
  writerGroups(room: string): Map<number, StoredWriter> {
    return new Map(
      this.#selectWriterGroups
        .all(room)
        .map((row) => [
          row.client,
          { participantId: row.participant_id, group: row.stakeholder_group },
        ]),
    )
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
