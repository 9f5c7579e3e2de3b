import { bytes, type Queries } from '../schema.js'

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
export class RecordPeopleRepository {
  constructor(private readonly q: Queries) {}

  async secret(workspaceId: string): Promise<Uint8Array | undefined> {
    const row = await this.q.db
      .selectFrom('record_secret')
      .select('secret')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    return row?.secret
  }

  async saveSecret(workspaceId: string, secret: Uint8Array): Promise<void> {
    await this.q.db
      .insertInto('record_secret')
      .values({ workspace_id: workspaceId, secret: bytes(secret) })
      .execute()
  }

  /** Records the name shown for a commitment; the first one stays (signed texts were rendered with it). */
  async name(workspaceId: string, person: RecordPerson): Promise<void> {
    await this.q.db
      .insertInto('record_person')
      .values({
        workspace_id: workspaceId,
        commitment: person.commitment,
        participant_id: person.participantId,
        name: person.name,
      })
      .onConflict((conflict) => conflict.columns(['workspace_id', 'commitment']).doNothing())
      .execute()
  }

  async list(workspaceId: string): Promise<RecordPerson[]> {
    return this.q.db
      .selectFrom('record_person')
      .select(['commitment', 'participant_id as participantId', 'name'])
      .where('workspace_id', '=', workspaceId)
      .execute()
  }

  /** Erases the display name behind a person's commitment; the records themselves stay. */
  async forget(workspaceId: string, participantId: string): Promise<number> {
    const result = await this.q.db
      .deleteFrom('record_person')
      .where('workspace_id', '=', workspaceId)
      .where('participant_id', '=', participantId)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}
