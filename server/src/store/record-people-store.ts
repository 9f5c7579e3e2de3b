import type { Database } from 'better-sqlite3'

/** A person the record log names by commitment, and the name shown for them. */
export interface RecordPerson {
  commitment: string
  participantId: string
  name: string
}

/**
 * What the record log keeps outside its hashed records: the secret its person commitments are
 * made with, and the display name behind each commitment. Removing a name row leaves every
 * record as it was, so the log still verifies.
 */
export class RecordPeopleStore {
  constructor(private readonly db: Database) {}

  secret(workspaceId: string): Buffer | undefined {
    const row = this.db
      .prepare('SELECT secret FROM record_secret WHERE workspace_id = ?')
      .get(workspaceId) as { secret: Buffer } | undefined
    return row?.secret
  }

  saveSecret(workspaceId: string, secret: Buffer): void {
    this.db
      .prepare('INSERT INTO record_secret (workspace_id, secret) VALUES (?, ?)')
      .run(workspaceId, secret)
  }

  /** Records the name shown for a commitment; the first one stays (signed texts were rendered with it). */
  name(workspaceId: string, person: RecordPerson): void {
    this.db
      .prepare(
        `INSERT INTO record_person (workspace_id, commitment, participant_id, name)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (workspace_id, commitment) DO NOTHING`,
      )
      .run(workspaceId, person.commitment, person.participantId, person.name)
  }

  list(workspaceId: string): RecordPerson[] {
    return this.db
      .prepare(
        `SELECT commitment, participant_id AS participantId, name FROM record_person
         WHERE workspace_id = ?`,
      )
      .all(workspaceId) as RecordPerson[]
  }

  /** Erases the display name behind a person's commitment; the records themselves stay. */
  forget(workspaceId: string, participantId: string): number {
    return this.db
      .prepare('DELETE FROM record_person WHERE workspace_id = ? AND participant_id = ?')
      .run(workspaceId, participantId).changes
  }
}
