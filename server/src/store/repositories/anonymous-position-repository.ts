import type { AnonymousPosition } from '../../../../shared/src/schema/anonymous-positions.js'
import type { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import type { Position } from '../../../../shared/src/schema/position.js'
import { bytes, Engine, type Queries } from '../schema.js'

/**
 * Anonymous positions on proposals, kept as anonymous poll answers are (see poll-repository.ts):
 * the positions carry a group and no one's id; who has responded is a separate set of keyed
 * hashes, deleted with its key when the proposal closes.
 */
export class AnonymousPositionRepository {
  constructor(private readonly q: Queries) {}

  async insertProposal(proposalId: string, sessionId: string, key: Uint8Array): Promise<void> {
    await this.q.db
      .insertInto('anonymous_proposal')
      .values({ proposal_id: proposalId, session_id: sessionId, ballot_key: bytes(key) })
      .execute()
  }

  /** The key of the proposal's one-per-person check; null once it closed (or never anonymous). */
  async ballotKey(proposalId: string): Promise<Uint8Array | null> {
    const row = await this.q.db
      .selectFrom('anonymous_proposal')
      .select('ballot_key')
      .where('proposal_id', '=', proposalId)
      .executeTakeFirst()
    return row?.ballot_key ? new Uint8Array(row.ballot_key) : null
  }

  /** Records that `voter` responded; false if they had already. */
  async addBallot(proposalId: string, voter: string): Promise<boolean> {
    const inserted = await this.q.db
      .insertInto('proposal_ballot')
      .values({ proposal_id: proposalId, voter })
      .onConflict((conflict) => conflict.columns(['proposal_id', 'voter']).doNothing())
      .executeTakeFirst()
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1
  }

  async ballots(proposalId: string): Promise<string[]> {
    const rows = await this.q.db
      .selectFrom('proposal_ballot')
      .select('voter')
      .where('proposal_id', '=', proposalId)
      .execute()
    return rows.map((row) => row.voter)
  }

  /** Stores a position under its receipt's hash, or replaces the one stored there. */
  async savePosition(
    proposalId: string,
    receipt: string,
    position: AnonymousPosition,
  ): Promise<void> {
    const row = { value: position.value, reason: position.reason ?? null }
    await this.q.db
      .insertInto('anonymous_position')
      .values({ proposal_id: proposalId, receipt, grp: position.group, ...row })
      .onConflict((conflict) => conflict.columns(['proposal_id', 'receipt']).doUpdateSet(row))
      .execute()
  }

  async hasPosition(proposalId: string, receipt: string): Promise<boolean> {
    const row = await this.q.db
      .selectFrom('anonymous_position')
      .select('receipt')
      .where('proposal_id', '=', proposalId)
      .where('receipt', '=', receipt)
      .executeTakeFirst()
    return row !== undefined
  }

  async positions(proposalId: string): Promise<AnonymousPosition[]> {
    const rows = await this.q.db
      .selectFrom('anonymous_position')
      .select(['grp', 'value', 'reason'])
      .where('proposal_id', '=', proposalId)
      .orderBy('receipt')
      .execute()
    return rows.map((row) => ({
      group: row.grp as StakeholderGroup,
      value: row.value as Position,
      ...(row.reason ? { reason: row.reason } : {}),
    }))
  }

  async mixRows(proposalId: string): Promise<void> {
    // As for anonymous polls (PollRepository.mixAnonymousRows): on PostgreSQL a first position's
    // ballot and position share their transaction id (xmin) and lie where they were written, so
    // every row of the proposal is written anew in hash order, the rewrites taking turns.
    if (this.q.engine === Engine.postgres) {
      await this.q.db
        .selectFrom('anonymous_proposal')
        .select('proposal_id')
        .where('proposal_id', '=', proposalId)
        .forNoKeyUpdate()
        .execute()
    }
    const ballots = await this.q.db
      .selectFrom('proposal_ballot')
      .selectAll()
      .where('proposal_id', '=', proposalId)
      .orderBy('voter')
      .execute()
    const positions = await this.q.db
      .selectFrom('anonymous_position')
      .selectAll()
      .where('proposal_id', '=', proposalId)
      .orderBy('receipt')
      .execute()
    await this.q.db.deleteFrom('proposal_ballot').where('proposal_id', '=', proposalId).execute()
    await this.q.db.deleteFrom('anonymous_position').where('proposal_id', '=', proposalId).execute()
    for (let at = 0; at < ballots.length; at += 1000)
      await this.q.db
        .insertInto('proposal_ballot')
        .values(ballots.slice(at, at + 1000))
        .execute()
    for (let at = 0; at < positions.length; at += 1000)
      await this.q.db
        .insertInto('anonymous_position')
        .values(positions.slice(at, at + 1000))
        .execute()
  }

  /** Deletes the one-per-person check and its key: a closed proposal takes no more positions. */
  async forgetBallots(proposalId: string): Promise<void> {
    await this.q.db.deleteFrom('proposal_ballot').where('proposal_id', '=', proposalId).execute()
    await this.q.db
      .updateTable('anonymous_proposal')
      .set({ ballot_key: null })
      .where('proposal_id', '=', proposalId)
      .execute()
  }
}
