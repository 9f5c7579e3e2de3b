import { sql } from 'kysely'
import { type ColumnTypes, type MigrationDb, withId, withoutRowId } from './column-types.js'

/*
 * Migrations 5 to 8: mediation and agreements, authorship, the transparency log, and the people
 * behind the record log's commitments.
 */

const workspaceRef = 'workspace.id'

/**
 * 5: mediation. The decision chain becomes the workspace's record chain (decisions and signed
 * agreements); parties, caucuses, agreements with signatures and term follow-up; publication.
 */
export const mediation = async (db: MigrationDb, t: ColumnTypes) => {
  await db.schema.alterTable('decision').renameTo('chain_record').execute()
  await db.schema
    .alterTable('chain_record')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('decision'))
    .execute()
  await db.schema
    .createTable('party')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('session.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('party_by_session')
    .on('party')
    .columns(['session_id', 'created_at'])
    .execute()
  await withoutRowId(
    db.schema
      .createTable('party_member')
      .addColumn('party_id', 'text', (c) => c.notNull().references('party.id').onDelete('cascade'))
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('participant_id', 'text', (c) =>
        c.notNull().references('participant.id').onDelete('cascade'),
      )
      .addPrimaryKeyConstraint('party_member_key', ['party_id', 'participant_id'])
      // One party per person in a mediation: whom they sign for is never ambiguous.
      .addUniqueConstraint('party_member_once', ['session_id', 'participant_id']),
    t,
  ).execute()
  await db.schema
    .createTable('caucus')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('session.id').onDelete('cascade'),
    )
    .addColumn('party_id', 'text', (c) => c.notNull().references('party.id').onDelete('cascade'))
    .addColumn('title', 'text')
    .addColumn('mediator_id', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute()
  await db.schema
    .createIndex('caucus_by_session')
    .on('caucus')
    .columns(['session_id', 'opened_at'])
    .execute()
  await db.schema
    .createTable('agreement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references(workspaceRef).onDelete('cascade'),
    )
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('session.id').onDelete('cascade'),
    )
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('amends', 'text', (c) => c.references('agreement.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .execute()
  await db.schema
    .createIndex('agreement_by_session')
    .on('agreement')
    .columns(['session_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('agreement_by_workspace')
    .on('agreement')
    .columns(['workspace_id', 'created_at'])
    .execute()
  // At most one signed amendment of any agreement.
  await db.schema
    .createIndex('agreement_amended_once')
    .on('agreement')
    .column('amends')
    .unique()
    .where(sql.ref('status'), '=', 'signed')
    .execute()
  await withoutRowId(
    db.schema
      .createTable('signature')
      .addColumn('agreement_id', 'text', (c) =>
        c.notNull().references('agreement.id').onDelete('cascade'),
      )
      .addColumn('party_id', 'text', (c) => c.notNull())
      .addColumn('participant_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('party_name', 'text', (c) => c.notNull())
      .addColumn('signed_at', 'text', (c) => c.notNull())
      .addColumn('text_hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('signature_key', ['agreement_id', 'party_id']),
    t,
  ).execute()
  await withoutRowId(
    db.schema
      .createTable('term_status')
      .addColumn('agreement_id', 'text', (c) =>
        c.notNull().references('agreement.id').onDelete('cascade'),
      )
      .addColumn('term_id', 'text', (c) => c.notNull())
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('participant_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('term_status_key', ['agreement_id', 'term_id', 'sequence']),
    t,
  ).execute()
  await db.schema
    .createTable('publication')
    .addColumn('workspace_id', 'text', (c) =>
      c.primaryKey().references(workspaceRef).onDelete('cascade'),
    )
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('anonymised', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute()
}

/**
 * 6: who wrote with which Yjs client id in each room, and whose update deleted which ranges, so
 * a comparison of versions can say who made each change. participant_id is NULL once the
 * participant's record is erased.
 */
export const authorship = async (db: MigrationDb, t: ColumnTypes) => {
  await withoutRowId(
    db.schema
      .createTable('room_writer')
      .addColumn('room', 'text', (c) => c.notNull())
      .addColumn('client', t.bigint, (c) => c.notNull())
      .addColumn('participant_id', 'text')
      .addPrimaryKeyConstraint('room_writer_key', ['room', 'client']),
    t,
  ).execute()
  await db.schema
    .createIndex('room_writer_by_participant')
    .on('room_writer')
    .column('participant_id')
    .execute()
  await withoutRowId(
    db.schema
      .createTable('room_deletion')
      .addColumn('room', 'text', (c) => c.notNull())
      .addColumn('client', t.bigint, (c) => c.notNull())
      .addColumn('clock', t.bigint, (c) => c.notNull())
      .addColumn('length', t.bigint, (c) => c.notNull())
      .addColumn('participant_id', 'text')
      .addPrimaryKeyConstraint('room_deletion_key', ['room', 'client', 'clock']),
    t,
  ).execute()
  await db.schema
    .createIndex('room_deletion_by_participant')
    .on('room_deletion')
    .column('participant_id')
    .execute()
}

/** 7: the signed checkpoints of each workspace's transparency log, every one kept for monitors. */
export const logCheckpoints = async (db: MigrationDb, t: ColumnTypes) => {
  await withId(db.schema.createTable('log_checkpoint'), t)
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references(workspaceRef).onDelete('cascade'),
    )
    .addColumn('tree_size', 'integer', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('log_checkpoint_by_workspace')
    .on('log_checkpoint')
    .columns(['workspace_id', 'tree_size', 'id'])
    .execute()
}

/**
 * 8: people in the record log become commitments (HMAC of their id under a secret of the
 * workspace); their display names live here, outside the hashed records.
 */
export const recordPeople = async (db: MigrationDb, t: ColumnTypes) => {
  await withoutRowId(
    db.schema
      .createTable('record_secret')
      .addColumn('workspace_id', 'text', (c) =>
        c.primaryKey().references(workspaceRef).onDelete('cascade'),
      )
      .addColumn('secret', t.bytes, (c) => c.notNull()),
    t,
  ).execute()
  await withoutRowId(
    db.schema
      .createTable('record_person')
      .addColumn('workspace_id', 'text', (c) =>
        c.notNull().references(workspaceRef).onDelete('cascade'),
      )
      .addColumn('commitment', 'text', (c) => c.notNull())
      .addColumn('participant_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_person_key', ['workspace_id', 'commitment']),
    t,
  ).execute()
}
