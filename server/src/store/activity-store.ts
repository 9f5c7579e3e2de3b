import type { Database, Statement } from 'better-sqlite3'
import type { ActivityCount } from '../../../shared/src/schema/stored.js'

export type { ActivityCount }

/**
 * Who changed which room, counted per minute: enough to show editing sessions and participation
 * by group, at one small row per person per minute instead of one per keystroke.
 */
export class ActivityStore {
  readonly #add: Statement<[string, string, number, number]>

  constructor(private readonly db: Database) {
    this.#add = db.prepare(
      `INSERT INTO room_activity (room, participant_id, minute, updates) VALUES (?, ?, ?, ?)
       ON CONFLICT (room, participant_id, minute) DO UPDATE SET updates = updates + excluded.updates`,
    )
  }

  /** Adds counts; call inside the transaction that stores the updates they count. */
  add(counts: readonly ActivityCount[], at: number): void {
    const minute = Math.floor(at / 60_000)
    for (const count of counts)
      this.#add.run(count.room, count.participantId, minute, count.updates)
  }

  list(room: string): { participantId: string; minute: number; updates: number }[] {
    return (
      this.db
        .prepare(
          'SELECT participant_id, minute, updates FROM room_activity WHERE room = ? ORDER BY minute',
        )
        .all(room) as { participant_id: string; minute: number; updates: number }[]
    ).map((row) => ({
      participantId: row.participant_id,
      minute: row.minute,
      updates: row.updates,
    }))
  }

  deleteRoom(room: string): void {
    this.db.prepare('DELETE FROM room_activity WHERE room = ?').run(room)
  }
}
