import type { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import type {
  PollAnswer,
  PollSpec,
  PollStatus,
  StoredPoll,
} from '../../../../shared/src/schema/poll.js'
import { bytes, Engine, type PollTable, type Queries } from '../schema.js'

const toPoll = (row: PollTable): StoredPoll => ({
  id: row.id,
  sessionId: row.session_id,
  spec: JSON.parse(row.spec) as PollSpec,
  status: row.status as PollStatus,
  ballotKey: row.ballot_key ? new Uint8Array(row.ballot_key) : null,
  createdBy: row.created_by,
  createdAt: row.created_at,
  closedAt: row.closed_at,
})

/**
 * Polls, their answers and collected ideas. Anonymous answers are kept with no participant:
 * who has answered is a separate set of keyed hashes, deleted at close.
 */
export class PollRepository {
  constructor(private readonly q: Queries) {}

  async insert(poll: StoredPoll): Promise<void> {
    await this.q.db
      .insertInto('poll')
      .values({
        id: poll.id,
        session_id: poll.sessionId,
        spec: JSON.stringify(poll.spec),
        status: poll.status,
        ballot_key: poll.ballotKey && bytes(poll.ballotKey),
        created_by: poll.createdBy,
        created_at: poll.createdAt,
        closed_at: poll.closedAt,
      })
      .execute()
  }

  async find(id: string): Promise<StoredPoll | undefined> {
    const row = await this.q.db
      .selectFrom('poll')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row && toPoll(row)
  }

  async list(sessionId: string): Promise<StoredPoll[]> {
    const rows = await this.q.db
      .selectFrom('poll')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(toPoll)
  }

  async count(sessionId: string): Promise<number> {
    const row = await this.q.db
      .selectFrom('poll')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Stores the poll's status and spec (its options once ideas are revealed). */
  async update(poll: Pick<StoredPoll, 'id' | 'spec' | 'status' | 'closedAt'>): Promise<void> {
    await this.q.db
      .updateTable('poll')
      .set({ spec: JSON.stringify(poll.spec), status: poll.status, closed_at: poll.closedAt })
      .where('id', '=', poll.id)
      .execute()
  }

  /** A named answer, replacing the person's earlier one. */
  async saveAnswer(
    pollId: string,
    answer: { participantId: string; name: string; group: StakeholderGroup; answer: PollAnswer },
    at: string,
  ): Promise<void> {
    const row = {
      poll_id: pollId,
      participant_id: answer.participantId,
      name: answer.name,
      grp: answer.group,
      answer: JSON.stringify(answer.answer),
      at,
    }
    await this.q.db
      .insertInto('poll_answer')
      .values(row)
      .onConflict((conflict) =>
        conflict
          .columns(['poll_id', 'participant_id'])
          .doUpdateSet({ name: row.name, grp: row.grp, answer: row.answer, at: row.at }),
      )
      .execute()
  }

  async answers(
    pollId: string,
  ): Promise<
    { participantId: string; name: string; group: StakeholderGroup; answer: PollAnswer }[]
  > {
    const rows = await this.q.db
      .selectFrom('poll_answer')
      .select(['participant_id', 'name', 'grp', 'answer'])
      .where('poll_id', '=', pollId)
      .orderBy('at')
      .orderBy('participant_id')
      .execute()
    return rows.map((row) => ({
      participantId: row.participant_id,
      name: row.name,
      group: row.grp as StakeholderGroup,
      answer: JSON.parse(row.answer) as PollAnswer,
    }))
  }

  /** Records that `voter` answered; false if they had already. */
  async addBallot(pollId: string, voter: string): Promise<boolean> {
    const inserted = await this.q.db
      .insertInto('poll_ballot')
      .values({ poll_id: pollId, voter })
      .onConflict((conflict) => conflict.columns(['poll_id', 'voter']).doNothing())
      .executeTakeFirst()
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1
  }

  async hasBallot(pollId: string, voter: string): Promise<boolean> {
    const row = await this.q.db
      .selectFrom('poll_ballot')
      .select('voter')
      .where('poll_id', '=', pollId)
      .where('voter', '=', voter)
      .executeTakeFirst()
    return row !== undefined
  }

  /** Stores an anonymous answer under its receipt's hash, or replaces the one stored there. */
  async saveAnonymousAnswer(
    pollId: string,
    receipt: string,
    group: StakeholderGroup,
    answer: PollAnswer,
  ): Promise<void> {
    const json = JSON.stringify(answer)
    await this.q.db
      .insertInto('poll_anonymous_answer')
      .values({ poll_id: pollId, receipt, grp: group, answer: json })
      .onConflict((conflict) =>
        conflict.columns(['poll_id', 'receipt']).doUpdateSet({ answer: json }),
      )
      .execute()
  }

  async hasAnonymousAnswer(pollId: string, receipt: string): Promise<boolean> {
    const row = await this.q.db
      .selectFrom('poll_anonymous_answer')
      .select('receipt')
      .where('poll_id', '=', pollId)
      .where('receipt', '=', receipt)
      .executeTakeFirst()
    return row !== undefined
  }

  async anonymousAnswers(
    pollId: string,
  ): Promise<{ group: StakeholderGroup; answer: PollAnswer }[]> {
    const rows = await this.q.db
      .selectFrom('poll_anonymous_answer')
      .select(['grp', 'answer'])
      .where('poll_id', '=', pollId)
      .orderBy('receipt')
      .execute()
    return rows.map((row) => ({
      group: row.grp as StakeholderGroup,
      answer: JSON.parse(row.answer) as PollAnswer,
    }))
  }

  async mixAnonymousRows(pollId: string): Promise<void> {
    // PostgreSQL stamps each row with the transaction that wrote it (xmin) and keeps rows in the
    // order they were written: rewriting every row of the poll in one transaction, sorted by
    // hash, leaves a first answer's ballot and answer sharing nothing the others do not.
    // Two first answers rewriting at once would each re-insert the rows the other had already
    // re-inserted (a key conflict: a 500 to every answer but one in a room voting together), so
    // the rewrites take turns on the poll's row; each then reads what the last one committed.
    // (NO KEY UPDATE: the ballot's own insert holds KEY SHARE on that row, which FOR UPDATE would
    // wait on in every racing answer at once, a deadlock.) SQLite has one writer at a time already.
    if (this.q.engine === Engine.postgres) {
      await this.q.db
        .selectFrom('poll')
        .select('id')
        .where('id', '=', pollId)
        .forNoKeyUpdate()
        .execute()
    }
    const ballots = await this.q.db
      .selectFrom('poll_ballot')
      .selectAll()
      .where('poll_id', '=', pollId)
      .orderBy('voter')
      .execute()
    const answers = await this.q.db
      .selectFrom('poll_anonymous_answer')
      .selectAll()
      .where('poll_id', '=', pollId)
      .orderBy('receipt')
      .execute()
    await this.q.db.deleteFrom('poll_ballot').where('poll_id', '=', pollId).execute()
    await this.q.db.deleteFrom('poll_anonymous_answer').where('poll_id', '=', pollId).execute()
    // In slices, within both engines' limits on the parameters of one statement.
    for (let at = 0; at < ballots.length; at += 1000)
      await this.q.db
        .insertInto('poll_ballot')
        .values(ballots.slice(at, at + 1000))
        .execute()
    for (let at = 0; at < answers.length; at += 1000)
      await this.q.db
        .insertInto('poll_anonymous_answer')
        .values(answers.slice(at, at + 1000))
        .execute()
  }

  /** Deletes the one-per-person check and its key: a closed poll takes no more answers. */
  async forgetBallots(pollId: string): Promise<void> {
    await this.q.db.deleteFrom('poll_ballot').where('poll_id', '=', pollId).execute()
    await this.q.db.updateTable('poll').set({ ballot_key: null }).where('id', '=', pollId).execute()
  }

  async addIdea(
    pollId: string,
    idea: { id: string; text: string; authorId: string | null },
  ): Promise<void> {
    await this.q.db
      .insertInto('poll_idea')
      .values({ poll_id: pollId, id: idea.id, text: idea.text, author_id: idea.authorId })
      .execute()
  }

  /** The ideas collected, in the order of their random ids (not the order they came in). */
  async ideas(pollId: string): Promise<string[]> {
    const rows = await this.q.db
      .selectFrom('poll_idea')
      .select('text')
      .where('poll_id', '=', pollId)
      .orderBy('id')
      .execute()
    return rows.map((row) => row.text)
  }
}
