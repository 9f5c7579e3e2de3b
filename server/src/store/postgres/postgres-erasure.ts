import { type Kysely, sql } from 'kysely'
import type { Schema } from '../schema.js'

/** Every table that may hold what a deletion removed. */
const tables: readonly (keyof Schema)[] = [
  'room_update',
  'room_snapshot',
  'room_head',
  'room_writer',
  'room_deletion',
  'room_activity',
  'workspace',
  'participant',
  'invite',
  'workspace_issuer',
  'participant_identity',
  'earlier_identity',
  'sign_in_token',
  'sign_in_attempt',
  'document',
  'room',
  'audit_entry',
  'version',
  'session',
  'session_event',
  'chain_record',
  'party',
  'party_member',
  'caucus',
  'agreement',
  'signature',
  'term_status',
  'publication',
  'log_checkpoint',
  'record_secret',
  'record_person',
  'notification',
  'webhook',
  'webhook_delivery',
  'mail_address',
  'mail_outbox',
  'room_edit',
  // An anonymous poll's or proposal's key and ballots, set null and deleted as it closes.
  'poll',
  'poll_answer',
  'poll_idea',
  'poll_ballot',
  'poll_anonymous_answer',
  'anonymous_proposal',
  'proposal_ballot',
  'anonymous_position',
]

export interface PostgresErasureLog {
  error(fields: object, message: string): void
}

/**
 * PostgreSQL's nearest equivalent of SQLite's secure_delete and checkpoint: VACUUM removes the
 * deleted row versions from the tables and their indexes, so no query, dump or replica built
 * afterwards can see them. It does not overwrite the freed bytes in the data files, and the WAL
 * segments (and any archive of them) keep the rows until they are recycled: docs/security.md
 * says what an operator must do about those.
 */
export class PostgresErasure {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly logger: PostgresErasureLog,
  ) {}

  async flush(what: string): Promise<boolean> {
    try {
      // VACUUM cannot run in a transaction: a connection of the pool runs it on its own.
      await sql`VACUUM ${sql.join(tables.map((table) => sql.table(table)))}`.execute(this.db)
      return true
    } catch (error) {
      this.logger.error({ what, err: error }, 'erased rows: VACUUM failed')
      return false
    }
  }
}
