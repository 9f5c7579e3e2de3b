import type { ActivityCount } from '../../../../shared/src/schema/stored.js'
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
  }
}
