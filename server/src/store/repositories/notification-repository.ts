import type { Selectable } from 'kysely'
import {
  type Notification,
  NotificationKind,
  NotificationPlace,
} from '../../../../shared/src/schema/notification.js'
import type { NewNotification } from '../../../../shared/src/schema/stored.js'
import type { NotificationTable, Queries } from '../schema.js'

const toNotification = (row: Selectable<NotificationTable>): Notification => ({
  id: Number(row.id),
  workspaceId: row.workspace_id,
  kind: NotificationKind.parse(row.kind),
  place: NotificationPlace.parse(JSON.parse(row.place)),
  actorName: row.actor_name,
  subject: row.subject,
  createdAt: row.created_at,
  readAt: row.read_at,
})

/** Each person's notifications and what they have read. */
export class NotificationRepository {
  constructor(private readonly q: Queries) {}

  /** Stores those not stored before (by person and key); answers who got a new one. */
  async add(notifications: readonly NewNotification[]): Promise<string[]> {
    const told = new Set<string>()
    for (const notification of notifications) {
      const inserted = await this.q.db
        .insertInto('notification')
        .values({
          workspace_id: notification.workspaceId,
          participant_id: notification.participantId,
          kind: notification.kind,
          place: JSON.stringify(notification.place),
          actor_name: notification.actorName,
          subject: notification.subject,
          key: notification.key,
          created_at: notification.createdAt,
          read_at: null,
        })
        .onConflict((conflict) => conflict.columns(['participant_id', 'key']).doNothing())
        .executeTakeFirst()
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) told.add(notification.participantId)
    }
    return [...told]
  }

  /** The newest `limit` of a person's notifications, newest first. */
  async list(participantId: string, limit: number): Promise<Notification[]> {
    const rows = await this.q.db
      .selectFrom('notification')
      .selectAll()
      .where('participant_id', '=', participantId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()
    return rows.map(toNotification)
  }

  async unread(participantId: string): Promise<number> {
    const row = await this.q.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('participant_id', '=', participantId)
      .where('read_at', 'is', null)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  /** Marks the person's own notifications read: those named, or all without `ids`. */
  async markRead(participantId: string, ids: readonly number[] | undefined, at: string) {
    let query = this.q.db
      .updateTable('notification')
      .set({ read_at: at })
      .where('participant_id', '=', participantId)
      .where('read_at', 'is', null)
    if (ids) query = query.where('id', 'in', [...ids])
    await query.execute()
  }
}
