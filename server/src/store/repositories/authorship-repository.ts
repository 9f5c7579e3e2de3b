import type {
  DeletedRange,
  RoomAuthorship,
  StoredDeletion,
  StoredWriter,
} from '../../../../shared/src/schema/stored.js'
import type { Queries } from '../schema.js'

/**
 * Who made each change of a room's text: which participant wrote with which Yjs client id (one
 * row per client id, so insertions cost nothing per keystroke), and which ranges each committed
 * update deleted (Yjs delete sets carry no author). Kept beside the room log, never folded by
 * compaction: item ids survive it.
 */
export class AuthorshipRepository {
  constructor(private readonly q: Queries) {}

  /** Records who wrote what; call inside the unit that stores the updates. */
  async record(batch: readonly RoomAuthorship[]): Promise<void> {
    for (const { room, writers, deletions } of batch) {
      if (writers.length > 0) {
        // The first writer of a client id keeps it, and a row already there must never fail
        // the commit of the updates it describes.
        await this.q.db
          .insertInto('room_writer')
          .values(
            writers.map(([client, participantId]) => ({
              room,
              client,
              participant_id: participantId,
              // The writer's group as they write: who wrote what by group keeps it.
              stakeholder_group: this.q.db
                .selectFrom('participant')
                .select('stakeholder_group')
                .where('id', '=', participantId),
            })),
          )
          .onConflict((conflict) => conflict.columns(['room', 'client']).doNothing())
          .execute()
      }
      for (const deletion of deletions) await this.#addDeletion(room, deletion)
    }
  }

  #deletion(room: string, client: number) {
    return this.q.db
      .selectFrom('room_deletion')
      .select(['clock', 'length', 'participant_id'])
      .where('room', '=', room)
      .where('client', '=', client)
  }

  /**
   * Stores a deleted range, joined with the same person's ranges right before and after it:
   * holding backspace deletes one character per update, and that is one row, not one per key.
   */
  async #addDeletion(room: string, { client, clock, length, participantId }: DeletedRange) {
    let total = length
    const next = await this.#deletion(room, client)
      .where('clock', '=', clock + length)
      .executeTakeFirst()
    if (next && next.participant_id === participantId) {
      await this.q.db
        .deleteFrom('room_deletion')
        .where('room', '=', room)
        .where('client', '=', client)
        .where('clock', '=', clock + length)
        .execute()
      total += next.length
    }
    const previous = await this.#deletion(room, client)
      .where('clock', '<', clock)
      .orderBy('clock', 'desc')
      .limit(1)
      .executeTakeFirst()
    if (
      previous &&
      previous.participant_id === participantId &&
      previous.clock + previous.length === clock
    ) {
      await this.q.db
        .updateTable('room_deletion')
        .set({ length: previous.length + total })
        .where('room', '=', room)
        .where('client', '=', client)
        .where('clock', '=', previous.clock)
        .execute()
      return
    }
    await this.q.db
      .insertInto('room_deletion')
      .values({ room, client, clock, length: total, participant_id: participantId })
      .onConflict((conflict) => conflict.columns(['room', 'client', 'clock']).doNothing())
      .execute()
  }

  /** Client id → who writes with it (null: someone erased). */
  async writers(room: string): Promise<Map<number, string | null>> {
    const rows = await this.q.db
      .selectFrom('room_writer')
      .select(['client', 'participant_id'])
      .where('room', '=', room)
      .execute()
    return new Map(rows.map((row) => [row.client, row.participant_id]))
  }

  /** Client id → who writes with it and their group when they first did. */
  async writerGroups(room: string): Promise<Map<number, StoredWriter>> {
    const rows = await this.q.db
      .selectFrom('room_writer')
      .select(['client', 'participant_id', 'stakeholder_group'])
      .where('room', '=', room)
      .execute()
    return new Map(
      rows.map((row) => [
        row.client,
        { participantId: row.participant_id, group: row.stakeholder_group },
      ]),
    )
  }

  /** Every deletion in the room, by client and clock. */
  async deletions(room: string): Promise<StoredDeletion[]> {
    const rows = await this.q.db
      .selectFrom('room_deletion')
      .select(['client', 'clock', 'length', 'participant_id'])
      .where('room', '=', room)
      .orderBy('client')
      .orderBy('clock')
      .execute()
    return rows.map((row) => ({
      client: row.client,
      clock: row.clock,
      length: row.length,
      participantId: row.participant_id,
    }))
  }

  async deleteRoom(room: string): Promise<void> {
    await this.q.db.deleteFrom('room_writer').where('room', '=', room).execute()
    await this.q.db.deleteFrom('room_deletion').where('room', '=', room).execute()
  }
}
