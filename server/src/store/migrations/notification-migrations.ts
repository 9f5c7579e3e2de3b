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

/**
 * 14: webhooks and their deliveries. A delivery is a row before it is sent (an outbox): its
 * attempts, the next one's time and the last answer are kept, so retries survive a restart.
 */
export const webhooks = async (db: MigrationDb, t: ColumnTypes) => {
  await db.schema
    .createTable('webhook')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('webhook_delivery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('webhook_id', 'text', (c) =>
      c.notNull().references('webhook.id').onDelete('cascade'),
    )
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', t.bigint)
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute()
  await db.schema
    .createIndex('webhook_delivery_due')
    .on('webhook_delivery')
    .columns(['status', 'next_attempt_at'])
    .execute()
  await db.schema
    .createIndex('webhook_delivery_by_hook')
    .on('webhook_delivery')
    .columns(['webhook_id', 'created_at'])
    .execute()
}

/**
 * 16: a hook's secret can be rolled. The one it replaces keeps signing beside the new one until
 * `previous_secret_until` (ms), so a receiver can switch without refusing a delivery.
 */
export const webhookRotation = async (db: MigrationDb, t: ColumnTypes) => {
  await db.schema.alterTable('webhook').addColumn('previous_secret', 'text').execute()
  await db.schema.alterTable('webhook').addColumn('previous_secret_until', t.bigint).execute()
}

/**
 * 19: e-mail. A person's address (one per participant, so per workspace), its verification and
 * choices per kind; and the mail outbox, each mail rendered before it is queued, its attempts
 * kept so retries survive a restart. The digest's watermark is the last notification it told.
 */
export const mail = async (db: MigrationDb, t: ColumnTypes) => {
  await db.schema
    .createTable('mail_address')
    .addColumn('participant_id', 'text', (c) =>
      c.primaryKey().references('participant.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('link_base', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('verify_hash', 'text', (c) => c.notNull().unique())
    .addColumn('verify_expires_at', t.bigint, (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('choices', 'text', (c) => c.notNull())
    .addColumn('digest_after', t.bigint, (c) => c.notNull())
    .addColumn('digest_at', 'text')
    .execute()
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) =>
      c.notNull().references('participant.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', t.bigint)
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute()
  await db.schema
    .createIndex('mail_outbox_due')
    .on('mail_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute()
}
