import type { ColumnTypes, MigrationDb } from './column-types.js'

/**
 * 17: sign-in with an organisation's identity provider. Which workspaces accept which issuer;
 * whose (issuer, subject) each participant is; the extra tokens a sign-in hands out (one per
 * browser, so signing in elsewhere does not sign anyone out); and the sign-ins under way, each
 * taken once by its callback.
 */
export const signIn = async (db: MigrationDb, t: ColumnTypes) => {
  await db.schema
    .createTable('workspace_issuer')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('workspace_issuer_key', ['workspace_id', 'issuer'])
    .execute()
  await db.schema
    .createTable('participant_identity')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) =>
      c.notNull().references('participant.id').onDelete('cascade'),
    )
    .addColumn('bound_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('participant_identity_key', ['workspace_id', 'issuer', 'subject'])
    .execute()
  await db.schema
    .createTable('sign_in_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) =>
      c.notNull().references('participant.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('sign_in_token_by_participant')
    .on('sign_in_token')
    .column('participant_id')
    .execute()
  await db.schema
    .createTable('sign_in_attempt')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('invite_code', 'text')
    .addColumn('display_name', 'text')
    .addColumn('stakeholder_group', 'text')
    .addColumn('created_at', t.bigint, (c) => c.notNull())
    .execute()
}
