import type { AnonymousPosition } from '../../../../shared/src/schema/anonymous-positions.js'
import type { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import type { PollAnswer, StoredPoll } from '../../../../shared/src/schema/poll.js'
import type {
  Session,
  SessionEvent,
  SessionState,
  SessionSummary,
} from '../../../../shared/src/schema/session.js'

/* What the sessions and decisions need of storage, in the domain's own words (see ../ports.ts). */

export interface SessionRepository {
  insert(session: Session, state: SessionState): Promise<void>
  find(id: string): Promise<{ session: Session; state: SessionState } | undefined>
  list(workspaceId: string): Promise<SessionSummary[]>
  append(sessionId: string, event: SessionEvent, state: SessionState): Promise<void>
  nextSequence(sessionId: string): Promise<number>
  events(sessionId: string): Promise<SessionEvent[]>
}

/** A session's polls; anonymous answers are stored without anyone's id (see poll-store.ts). */
export interface PollRepository {
  insert(poll: StoredPoll): Promise<void>
  find(id: string): Promise<StoredPoll | undefined>
  list(sessionId: string): Promise<StoredPoll[]>
  count(sessionId: string): Promise<number>
  update(poll: Pick<StoredPoll, 'id' | 'spec' | 'status' | 'closedAt'>): Promise<void>
  saveAnswer(
    pollId: string,
    answer: { participantId: string; name: string; group: StakeholderGroup; answer: PollAnswer },
    at: string,
  ): Promise<void>
  answers(
    pollId: string,
  ): Promise<{ participantId: string; name: string; group: StakeholderGroup; answer: PollAnswer }[]>
  /** Records that `voter` (a keyed hash) answered; false if they had already. */
  addBallot(pollId: string, voter: string): Promise<boolean>
  hasBallot(pollId: string, voter: string): Promise<boolean>
  saveAnonymousAnswer(
    pollId: string,
    receipt: string,
    group: StakeholderGroup,
    answer: PollAnswer,
  ): Promise<void>
  hasAnonymousAnswer(pollId: string, receipt: string): Promise<boolean>
  anonymousAnswers(pollId: string): Promise<{ group: StakeholderGroup; answer: PollAnswer }[]>
  /**
   * Writes the poll's ballots and anonymous answers anew, all of them, ordered by their keyed
   * hashes: a new ballot and its answer were just written together, and nothing the store keeps
   * about a row (when or in which transaction it was written, where it lies) may tell them apart
   * from the others.
   */
  mixAnonymousRows(pollId: string): Promise<void>
  forgetBallots(pollId: string): Promise<void>
  addIdea(
    pollId: string,
    idea: { id: string; text: string; authorId: string | null },
  ): Promise<void>
  ideas(pollId: string): Promise<string[]>
}

/** Anonymous positions on proposals (see anonymous-position-repository.ts). */
export interface AnonymousPositionRepository {
  insertProposal(proposalId: string, sessionId: string, key: Uint8Array): Promise<void>
  ballotKey(proposalId: string): Promise<Uint8Array | null>
  /** Records that `voter` (a keyed hash) responded; false if they had already. */
  addBallot(proposalId: string, voter: string): Promise<boolean>
  ballots(proposalId: string): Promise<string[]>
  savePosition(proposalId: string, receipt: string, position: AnonymousPosition): Promise<void>
  hasPosition(proposalId: string, receipt: string): Promise<boolean>
  positions(proposalId: string): Promise<AnonymousPosition[]>
  /** Writes the proposal's ballots and positions anew, in hash order (see `mixAnonymousRows`). */
  mixRows(proposalId: string): Promise<void>
  forgetBallots(proposalId: string): Promise<void>
}
