import type { Migration } from 'kysely'
import { type ColumnTypes, type MigrationDb, withId, withoutRowId } from './column-types.js'
import { commitOrigins } from './commit-origin-migration.js'
import {
  anonymousPositions,
  commentersMaySuggest,
  polls,
  roomEdits,
  roomSequence,
  workspaceLanguage,
  writerGroups,
} from './facilitation-migrations.js'
import { earlierIdentities } from './identity-migrations.js'
import { mail, notifications, webhookRotation, webhooks } from './notification-migrations.js'
import { authorship, logCheckpoints, mediation, recordPeople } from './records-migrations.js'
import { signIn } from './sign-in-migrations.js'

/*
 * The schema's history, one migration per release that changed it, written once for both
 * engines. The names sort in order; a SQLite database from before Kysely counted them in
 * `PRAGMA user_version` (see migrate.ts). Never edit one that has shipped: add the next.
 */

const workspaceRef = 'workspace.id'

/** 1: the per-room update log and its compacted snapshot. */
const roomLog = async (db: MigrationDb, t: ColumnTypes) => {
  await withId(db.schema.createTable('room_update'), t)
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('data', t.bytes, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('room_update_by_room')
    .on('room_update')
    .columns(['room', 'id'])
    .execute()
  await withoutRowId(
    db.schema
      .createTable('room_snapshot')
      .addColumn('room', 'text', (c) => c.primaryKey())
      .addColumn('data', t.bytes, (c) => c.notNull())
      .addColumn('compacted_at', t.bigint, (c) => c.notNull()),
    t,
  ).execute()
}

/** 2: workspaces, their people, invites, documents and rooms, and the audit log. */
const workspaces = async (db: MigrationDb, t: ColumnTypes) => {
  await db.schema
    .createTable('workspace')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('participant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references(workspaceRef).onDelete('cascade'),
    )
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('stakeholder_group', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute()
  await db.schema
    .createIndex('participant_by_workspace')
    .on('participant')
    .column('workspace_id')
    .execute()
  await db.schema
    .createTable('invite')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references(workspaceRef).onDelete('cascade'),
    )
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('stakeholder_group', 'text')
    .addColumn('max_uses', 'integer')
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('invite_by_workspace').on('invite').column('workspace_id').execute()
  await db.schema
    .createTable('document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references(workspaceRef).onDelete('cascade'),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('document_by_workspace')
    .on('document')
    .column('workspace_id')
    .execute()
  await withoutRowId(
    db.schema
      .createTable('room')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) =>
        c.notNull().references(workspaceRef).onDelete('cascade'),
      )
      .addColumn('document_id', 'text', (c) => c.references('document.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull()),
    t,
  ).execute()
  await db.schema.createIndex('room_by_workspace').on('room').column('workspace_id').execute()
  await withId(db.schema.createTable('audit_entry'), t)
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references(workspaceRef).onDelete('cascade'),
    )
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('audit_by_workspace')
    .on('audit_entry')
    .columns(['workspace_id', 'id'])
    .execute()
}

/** 3: frozen versions of documents, and who edited which room when (per minute). */
const versions = async (db: MigrationDb, t: ColumnTypes) => {
  let version = db.schema
    .createTable('version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) =>
      c.notNull().references('document.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('ydoc', t.bytes, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
  // Versions saved in one millisecond list in the order they were saved: SQLite keeps that in
  // its implicit rowid; PostgreSQL gets a column of the same name.
  if (t.engine === 'postgres') {
    version = version.addColumn('rowid', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
  }
  await version.execute()
  await db.schema
    .createIndex('version_by_document')
    .on('version')
    .columns(['document_id', 'created_at'])
    .execute()
  await withoutRowId(
    db.schema
      .createTable('room_activity')
      .addColumn('room', 'text', (c) => c.notNull())
      .addColumn('participant_id', 'text', (c) => c.notNull())
      .addColumn('minute', 'integer', (c) => c.notNull())
      .addColumn('updates', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('room_activity_key', ['room', 'participant_id', 'minute']),
    t,
  ).execute()
}

/** 4: live sessions, the events that drive them, and the hash-chained decision records. */
const sessions = async (db: MigrationDb, t: ColumnTypes) => {
  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references(workspaceRef).onDelete('cascade'),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('agenda', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('session_by_workspace')
    .on('session')
    .columns(['workspace_id', 'created_at'])
    .execute()
  await withoutRowId(
    db.schema
      .createTable('session_event')
      .addColumn('session_id', 'text', (c) =>
        c.notNull().references('session.id').onDelete('cascade'),
      )
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('session_event_key', ['session_id', 'sequence']),
    t,
  ).execute()
  await db.schema
    .createTable('decision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references(workspaceRef).onDelete('cascade'),
    )
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('decision_sequence', ['workspace_id', 'sequence'])
    .execute()
}

export const schemaMigrations = (t: ColumnTypes): Record<string, Migration> => {
  const step = (up: (db: MigrationDb, t: ColumnTypes) => Promise<void>): Migration => ({
    up: (db) => up(db, t),
  })
  return {
    '0001-room-log': step(roomLog),
    '0002-workspaces': step(workspaces),
    '0003-versions': step(versions),
    '0004-sessions': step(sessions),
    '0005-mediation': step(mediation),
    '0006-authorship': step(authorship),
    '0007-log-checkpoints': step(logCheckpoints),
    '0008-record-people': step(recordPeople),
    '0009-writer-groups': step(writerGroups),
    '0010-polls': step(polls),
    '0011-room-edits': step(roomEdits),
    '0012-workspace-language': step(workspaceLanguage),
    '0013-notifications': step(notifications),
    '0014-webhooks': step(webhooks),
    '0015-room-sequence': step(roomSequence),
    '0016-webhook-rotation': step(webhookRotation),
    '0017-sign-in': step(signIn),
    '0018-commenters-may-suggest': step(commentersMaySuggest),
    '0019-mail': step(mail),
    '0020-anonymous-positions': step(anonymousPositions),
    '0021-earlier-identities': step(earlierIdentities),
    '0022-commit-origins': step(commitOrigins),
  }
}
