import type { Database } from 'better-sqlite3'
import type { StakeholderGroup } from '../../../shared/src/schema/people.js'
import type {
  PollAnswer,
  PollSpec,
  PollStatus,
  StoredPoll,
} from '../../../shared/src/schema/poll.js'

interface PollRow {
  id: string
  session_id: string
  spec: string
  status: string
  ballot_key: Buffer | null
  created_by: string
  created_at: string
  closed_at: string | null
}

const toPoll = (row: PollRow): StoredPoll => ({
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
export class PollStore {
  constructor(private readonly db: Database) {}

  insert(poll: StoredPoll): void {
    this.db
      .prepare(
        `INSERT INTO poll (id, session_id, spec, status, ballot_key, created_by, created_at, closed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        poll.id,
        poll.sessionId,
        JSON.stringify(poll.spec),
        poll.status,
        poll.ballotKey && Buffer.from(poll.ballotKey),
        poll.createdBy,
        poll.createdAt,
        poll.closedAt,
      )
  }

  find(id: string): StoredPoll | undefined {
    const row = this.db.prepare('SELECT * FROM poll WHERE id = ?').get(id) as PollRow | undefined
    return row && toPoll(row)
  }

  list(sessionId: string): StoredPoll[] {
    const rows = this.db
      .prepare('SELECT * FROM poll WHERE session_id = ? ORDER BY created_at, id')
      .all(sessionId) as PollRow[]
    return rows.map(toPoll)
  }

  count(sessionId: string): number {
    const row = this.db
      .prepare('SELECT count(*) AS n FROM poll WHERE session_id = ?')
      .get(sessionId) as { n: number }
    return row.n
  }

  /** Stores the poll's status and spec (its options once ideas are revealed). */
  update(poll: Pick<StoredPoll, 'id' | 'spec' | 'status' | 'closedAt'>): void {
    this.db
      .prepare('UPDATE poll SET spec = ?, status = ?, closed_at = ? WHERE id = ?')
      .run(JSON.stringify(poll.spec), poll.status, poll.closedAt, poll.id)
  }

  /** A named answer, replacing the person's earlier one. */
  saveAnswer(
    pollId: string,
    answer: { participantId: string; name: string; group: StakeholderGroup; answer: PollAnswer },
    at: string,
  ): void {
    this.db
      .prepare(
        `INSERT INTO poll_answer (poll_id, participant_id, name, grp, answer, at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (poll_id, participant_id) DO UPDATE SET name = excluded.name, grp = excluded.grp,
           answer = excluded.answer, at = excluded.at`,
      )
      .run(
        pollId,
        answer.participantId,
        answer.name,
        answer.group,
        JSON.stringify(answer.answer),
        at,
      )
  }

  answers(pollId: string): {
    participantId: string
    name: string
    group: StakeholderGroup
    answer: PollAnswer
  }[] {
    const rows = this.db
      .prepare(
        'SELECT participant_id, name, grp, answer FROM poll_answer WHERE poll_id = ? ORDER BY at, participant_id',
      )
      .all(pollId) as { participant_id: string; name: string; grp: string; answer: string }[]
    return rows.map((row) => ({
      participantId: row.participant_id,
      name: row.name,
      group: row.grp as StakeholderGroup,
      answer: JSON.parse(row.answer) as PollAnswer,
    }))
  }

  /** Records that `voter` answered; false if they had already. */
  addBallot(pollId: string, voter: string): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO poll_ballot (poll_id, voter) VALUES (?, ?)')
        .run(pollId, voter).changes === 1
    )
  }

  hasBallot(pollId: string, voter: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM poll_ballot WHERE poll_id = ? AND voter = ?')
        .get(pollId, voter) !== undefined
    )
  }

  /** Stores an anonymous answer under its receipt's hash, or replaces the one stored there. */
  saveAnonymousAnswer(
    pollId: string,
    receipt: string,
    group: StakeholderGroup,
    answer: PollAnswer,
  ): void {
    this.db
      .prepare(
        `INSERT INTO poll_anonymous_answer (poll_id, receipt, grp, answer) VALUES (?, ?, ?, ?)
         ON CONFLICT (poll_id, receipt) DO UPDATE SET answer = excluded.answer`,
      )
      .run(pollId, receipt, group, JSON.stringify(answer))
  }

  hasAnonymousAnswer(pollId: string, receipt: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM poll_anonymous_answer WHERE poll_id = ? AND receipt = ?')
        .get(pollId, receipt) !== undefined
    )
  }

  anonymousAnswers(pollId: string): { group: StakeholderGroup; answer: PollAnswer }[] {
    const rows = this.db
      .prepare('SELECT grp, answer FROM poll_anonymous_answer WHERE poll_id = ? ORDER BY receipt')
      .all(pollId) as { grp: string; answer: string }[]
    return rows.map((row) => ({
      group: row.grp as StakeholderGroup,
      answer: JSON.parse(row.answer) as PollAnswer,
    }))
  }

  /** Deletes the one-per-person check and its key: a closed poll takes no more answers. */
  forgetBallots(pollId: string): void {
    this.db.prepare('DELETE FROM poll_ballot WHERE poll_id = ?').run(pollId)
    this.db.prepare('UPDATE poll SET ballot_key = NULL WHERE id = ?').run(pollId)
  }

  addIdea(pollId: string, idea: { id: string; text: string; authorId: string | null }): void {
    this.db
      .prepare('INSERT INTO poll_idea (poll_id, id, text, author_id) VALUES (?, ?, ?, ?)')
      .run(pollId, idea.id, idea.text, idea.authorId)
  }

  /** The ideas collected, in the order of their random ids (not the order they came in). */
  ideas(pollId: string): string[] {
    const rows = this.db
      .prepare('SELECT text FROM poll_idea WHERE poll_id = ? ORDER BY id')
      .all(pollId) as { text: string }[]
    return rows.map((row) => row.text)
  }
}
