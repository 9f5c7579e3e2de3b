import type { Database, Statement } from 'better-sqlite3'
import type { EditCounts } from '../../../shared/src/schema/balance.js'
import type { ActivityCount, TextEditCount } from '../../../shared/src/schema/stored.js'

export type { ActivityCount }

/**
 * Who changed which room, counted per minute: enough to show editing sessions and participation
 * by group, at one small row per person per minute instead of one per keystroke.
 */
export class ActivityStore {
  readonly #add: Statement<[string, string, number, number]>
  readonly #addEdit: Statement<[string, number, number, number, string]>

  constructor(private readonly db: Database) {
    this.#add = db.prepare(
      `INSERT INTO room_activity (room, participant_id, minute, updates) VALUES (?, ?, ?, ?)
       ON CONFLICT (room, participant_id, minute) DO UPDATE SET updates = updates + excluded.updates`,
    )
    // The group is read as the edit is stored: the one the person has as they write.
    this.#addEdit = db.prepare(
      `INSERT INTO room_edit (room, participant_id, stakeholder_group, minute, added, removed)
       SELECT ?, id, stakeholder_group, ?, ?, ? FROM participant WHERE id = ?
       ON CONFLICT (room, minute, participant_id, stakeholder_group)
       DO UPDATE SET added = added + excluded.added, removed = removed + excluded.removed`,
    )
  }

  /** Adds characters of text written and deleted; inside the transaction that stores them. */
  addEdits(edits: readonly TextEditCount[], at: number): void {
    const minute = Math.floor(at / 60_000)
    for (const edit of edits)
      this.#addEdit.run(edit.room, minute, edit.added, edit.removed, edit.participantId)
  }

  /** Plan text edited in a workspace between two instants, by the writers' groups then. */
  editsByGroup(workspaceId: string, from: number, to: number): EditCounts {
    const rows = this.db
      .prepare(
        `SELECT e.stakeholder_group AS grp, SUM(e.added) AS added, SUM(e.removed) AS removed
         FROM room_edit e JOIN room r ON r.name = e.room
         WHERE r.workspace_id = ? AND r.kind = 'doc' AND e.minute BETWEEN ? AND ?
         GROUP BY e.stakeholder_group`,
      )
      .all(workspaceId, Math.floor(from / 60_000), Math.floor(to / 60_000)) as {
      grp: string
      added: number
      removed: number
    }[]
    const counts: EditCounts = { added: {}, removed: {} }
    for (const row of rows) {
      if (row.added > 0) counts.added[row.grp] = row.added
      if (row.removed > 0) counts.removed[row.grp] = row.removed
    }
    return counts
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
    this.db.prepare('DELETE FROM room_edit WHERE room = ?').run(room)
  }
}
