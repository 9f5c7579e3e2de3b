import type { EditCounts } from '../../../../shared/src/schema/balance.js'
import type { ActivityCount, TextEditCount } from '../../../../shared/src/schema/stored.js'
import type { Queries } from '../schema.js'

/**
 * Who changed which room, counted per minute: enough to show editing sessions and participation
 * by group, at one small row per person per minute instead of one per keystroke.
 */
export class ActivityRepository {
  constructor(private readonly q: Queries) {}

  /** Adds counts; call inside the unit that stores the updates they count. */
  async add(counts: readonly ActivityCount[], at: number): Promise<void> {
    if (counts.length === 0) return
    const minute = Math.floor(at / 60_000)
    for (const count of counts) {
      await this.q.db
        .insertInto('room_activity')
        .values({
          room: count.room,
          participant_id: count.participantId,
          minute,
          updates: count.updates,
        })
        .onConflict((conflict) =>
          conflict.columns(['room', 'participant_id', 'minute']).doUpdateSet((eb) => ({
            updates: eb('room_activity.updates', '+', eb.ref('excluded.updates')),
          })),
        )
        .execute()
    }
  }

  /** Adds characters of text written and deleted; inside the unit that stores them. */
  async addEdits(edits: readonly TextEditCount[], at: number): Promise<void> {
    const minute = Math.floor(at / 60_000)
    for (const edit of edits) {
      // The group is read as the edit is stored: the one the person has as they write.
      await this.q.db
        .insertInto('room_edit')
        .columns(['room', 'participant_id', 'stakeholder_group', 'minute', 'added', 'removed'])
        .expression((eb) =>
          eb
            .selectFrom('participant')
            .select([
              eb.val(edit.room).as('room'),
              'id',
              'stakeholder_group',
              eb.val(minute).as('minute'),
              eb.val(edit.added).as('added'),
              eb.val(edit.removed).as('removed'),
            ])
            .where('id', '=', edit.participantId),
        )
        .onConflict((conflict) =>
          conflict
            .columns(['room', 'minute', 'participant_id', 'stakeholder_group'])
            .doUpdateSet((eb) => ({
              added: eb('room_edit.added', '+', eb.ref('excluded.added')),
              removed: eb('room_edit.removed', '+', eb.ref('excluded.removed')),
            })),
        )
        .execute()
    }
  }

  /** Plan text edited in a workspace between two instants, by the writers' groups then. */
  async editsByGroup(workspaceId: string, from: number, to: number): Promise<EditCounts> {
    const rows = await this.q.db
      .selectFrom('room_edit as e')
      .innerJoin('room as r', 'r.name', 'e.room')
      .select((eb) => [
        'e.stakeholder_group as grp',
        eb.fn.sum<number>('e.added').as('added'),
        eb.fn.sum<number>('e.removed').as('removed'),
      ])
      .where('r.workspace_id', '=', workspaceId)
      .where('r.kind', '=', 'doc')
      .where('e.minute', '>=', Math.floor(from / 60_000))
      .where('e.minute', '<=', Math.floor(to / 60_000))
      .groupBy('e.stakeholder_group')
      .execute()
    const counts: EditCounts = { added: {}, removed: {} }
    for (const row of rows) {
      // PostgreSQL's sum of bigints comes back as a string.
      const added = Number(row.added)
      const removed = Number(row.removed)
      if (added > 0) counts.added[row.grp] = added
      if (removed > 0) counts.removed[row.grp] = removed
    }
    return counts
  }

  async list(room: string): Promise<{ participantId: string; minute: number; updates: number }[]> {
    const rows = await this.q.db
      .selectFrom('room_activity')
      .select(['participant_id', 'minute', 'updates'])
      .where('room', '=', room)
      .orderBy('minute')
      .execute()
    return rows.map((row) => ({
      participantId: row.participant_id,
      minute: row.minute,
      updates: row.updates,
    }))
  }

  async deleteRoom(room: string): Promise<void> {
    await this.q.db.deleteFrom('room_activity').where('room', '=', room).execute()
    await this.q.db.deleteFrom('room_edit').where('room', '=', room).execute()
  }
}
