import type { ColumnTypes, MigrationDb } from './column-types.js'
import { withId } from './column-types.js'

/**
 * 13: notifications, one row per person told. `key` names what it is about, unique per person,
 * so a repeated sweep or a re-sent update never tells anyone twice.
 */
export const notifications = async (db: MigrationDb, t: ColumnTypes) => {
  await withId(db.schema.createTable('notification'), t)
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('participant_id', 'text', (c) =>
      c.notNull().references('participant.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notification_once', ['participant_id', 'key'])
    .execute()
}
