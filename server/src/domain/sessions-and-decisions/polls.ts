import { createHmac, randomBytes } from 'node:crypto'
import type { Participant, Role } from '../../../../shared/src/schema/people.js'
import {
  type PollCommand,
  type PollView,
  pollMaxOptions,
  pollsPerSession,
  type StoredPoll,
} from '../../../../shared/src/schema/poll.js'
import { runsSession } from '../../../../shared/src/schema/session-runner.js'
import { writePoll } from '../../../../shared/src/ydoc/poll-room.js'
import { sessionRoomName } from '../../../../shared/src/ydoc/session-room.js'
import { DomainError } from '../domain-error.js'
import { mapInOrder } from '../in-order.js'
import { forbidden } from '../people-and-access/access-rule.js'
import type { LiveRooms, Repositories, Stores, Transaction } from '../ports.js'
import { hashToken, newId } from '../secrets.js'
import { type CountedAnswer, checkAnswer, checkSpec, pollView, refusePoll } from './poll-rules.js'
import { refuseSession } from './session-rule.js'

const runners: readonly Role[] = ['facilitator', 'mediator']
const participants: readonly Role[] = ['facilitator', 'mediator', 'stakeholder', 'commenter']

/** Who may issue each poll command; everything else is decided by the poll's state. */
export const pollCommandRoles: Record<PollCommand['type'], readonly Role[]> = {
  'poll.open': runners,
  'poll.answer': participants,
  'poll.idea': participants,
  'poll.reveal': runners,
  'poll.close': runners,
}

/** The one-per-person check of an anonymous poll: who answered, unreadable without the key. */
const voterOf = (poll: StoredPoll, participantId: string): string => {
  if (!poll.ballotKey) return refusePoll('poll_closed', 'the poll is closed')
  return createHmac('sha256', poll.ballotKey).update(participantId).digest('hex')
}

/**
 * Where an anonymous answer is kept: a hash of its receipt, which only its giver holds, bound to
 * their ballot so that nobody else can change it with a receipt they got hold of.
 */
const answerKey = (voter: string, receipt: string): string => hashToken(`${voter}:${receipt}`)

/** The answers a poll's view counts, named or not. */
const countedAnswers = async (
  polls: Repositories['polls'],
  poll: StoredPoll,
): Promise<CountedAnswer[]> =>
  poll.spec.anonymous ? await polls.anonymousAnswers(poll.id) : await polls.answers(poll.id)

/** A poll as everyone may see it, from its rows. */
export const viewOf = async (polls: Repositories['polls'], poll: StoredPoll): Promise<PollView> =>
  pollView(
    poll,
    poll.spec.options,
    (await polls.ideas(poll.id)).length,
    await countedAnswers(polls, poll),
  )

/** Closes a poll in `tx`: an anonymous one forgets its ballots and their key (erase after commit). */
const closePoll = async (tx: Transaction, poll: StoredPoll, at: string): Promise<StoredPoll> => {
  const closed = { ...poll, status: 'closed' as const, closedAt: at, ballotKey: null }
  await tx.polls.update(closed)
  if (poll.spec.anonymous) await tx.polls.forgetBallots(poll.id)
  return closed
}

/**
 * Closes every poll of a session still open, as the session ends (inside its transaction); once
 * committed, writes their views into the room and erases the ballots from the disk.
 */
export const closeSessionPolls = async (
  tx: Transaction,
  stores: Stores,
  live: LiveRooms,
  sessionId: string,
  at: string,
): Promise<void> => {
  const open = (await tx.polls.list(sessionId)).filter((poll) => poll.status !== 'closed')
  if (open.length === 0) return
  for (const poll of open) await closePoll(tx, poll, at)
  void tx.afterCommit(async () => {
    await stores.erasure.flush(`session ${sessionId} poll ballots`)
    const views = await mapInOrder(await stores.polls.list(sessionId), (poll) =>
      viewOf(stores.polls, poll),
    )
    await live.edit(sessionRoomName(sessionId), (doc) => {
      for (const view of views) writePoll(doc, view)
    })
  })
}

/** What answering gives back: the receipt that lets the giver of an anonymous answer change it. */
export interface PollAnswered {
  poll: PollView
  receipt?: string
}

/**
 * Quick polls and dot-voting in a session. A poll's rows are its truth; after each command its
 * view (never an anonymous answer's giver, no counts while hidden) is written into the session's
 * room, which everyone reads.
 */
export class Polls {
  constructor(
    private readonly stores: Stores,
    private readonly live: LiveRooms,
  ) {}

  /** Each poll's newest view shown in the room, one after another per poll. */
  readonly #showing = new Map<string, Promise<void>>()

  async list(actor: Participant, sessionId: string): Promise<PollView[]> {
    await this.#session(actor, sessionId)
    return await mapInOrder(await this.stores.polls.list(sessionId), (poll) =>
      viewOf(this.stores.polls, poll),
    )
  }

  async command(
    actor: Participant,
    sessionId: string,
    command: PollCommand,
  ): Promise<PollAnswered> {
    if (!pollCommandRoles[command.type].includes(actor.role)) {
      throw forbidden('role_not_allowed', `a ${actor.role} may not ${command.type}`, actor.role)
    }
    let published = Promise.resolve()
    const answered = await this.stores.transaction(async (tx) => {
      const session = await this.#session(actor, sessionId)
      // In a mediation only its mediator runs polls, as every other control (mediator_runs_session).
      if (pollCommandRoles[command.type] === runners && !runsSession(session, actor)) {
        throw forbidden(
          'mediator_runs_session',
          'only the mediator of this mediation runs its session',
          actor.role,
        )
      }
      if (session.status === 'ended') refuseSession('session_ended', 'the session has ended')
      const { poll, receipt } = await this.#apply(tx, actor, sessionId, command)
      published = tx.afterCommit(() => this.#show(poll.id))
      return { poll: await viewOf(tx.polls, poll), ...(receipt ? { receipt } : {}) }
    })
    await published
    return answered
  }

  async #apply(
    tx: Transaction,
    actor: Participant,
    sessionId: string,
    command: PollCommand,
  ): Promise<{ poll: StoredPoll; receipt?: string }> {
    if (command.type === 'poll.open') {
      checkSpec(command.poll)
      if ((await tx.polls.count(sessionId)) >= pollsPerSession) {
        refusePoll('poll_limit', `a session holds at most ${pollsPerSession} polls`)
      }
      const poll: StoredPoll = {
        id: newId(),
        sessionId,
        spec: command.poll,
        status: command.poll.collectIdeas ? 'collecting' : 'open',
        ballotKey: command.poll.anonymous ? new Uint8Array(randomBytes(32)) : null,
        createdBy: actor.id,
        createdAt: new Date().toISOString(),
        closedAt: null,
      }
      await tx.polls.insert(poll)
      return { poll }
    }
    const poll = await tx.polls.find(command.pollId)
    if (!poll || poll.sessionId !== sessionId) throw new DomainError('not_found', 'no such poll')
    if (poll.status === 'closed') refusePoll('poll_closed', 'the poll is closed')
    switch (command.type) {
      case 'poll.idea': {
        if (poll.status !== 'collecting')
          refusePoll('not_collecting', 'the poll is not collecting ideas')
        if ((await tx.polls.ideas(poll.id)).length >= pollMaxOptions) {
          refusePoll('poll_limit', `a poll collects at most ${pollMaxOptions} ideas`)
        }
        const authorId = poll.spec.anonymous ? null : actor.id
        await tx.polls.addIdea(poll.id, { id: newId(), text: command.text, authorId })
        return { poll }
      }
      case 'poll.reveal': {
        if (poll.status !== 'collecting')
          refusePoll('not_collecting', 'the poll is not collecting ideas')
        // Duplicates collapse into one option: the same idea twice is one idea to vote on.
        const options = [...new Set(await tx.polls.ideas(poll.id))]
        if (options.length < 2) refusePoll('poll_shape', 'a vote needs at least two ideas')
        const revealed = { ...poll, status: 'open' as const, spec: { ...poll.spec, options } }
        await tx.polls.update(revealed)
        return { poll: revealed }
      }
      case 'poll.answer':
        return await this.#answer(tx, actor, poll, command)
      case 'poll.close': {
        const closed = await closePoll(tx, poll, new Date().toISOString())
        if (poll.spec.anonymous) {
          // The ballots and the key go off the disk too, not just out of the table.
          void tx.afterCommit(() => this.stores.erasure.flush(`poll ${poll.id} ballots`))
        }
        return { poll: closed }
      }
      default: {
        const unhandled: never = command
        throw new Error(`unhandled poll command ${JSON.stringify(unhandled)}`)
      }
    }
  }

  async #answer(
    tx: Transaction,
    actor: Participant,
    poll: StoredPoll,
    command: Extract<PollCommand, { type: 'poll.answer' }>,
  ): Promise<{ poll: StoredPoll; receipt?: string }> {
    if (poll.status === 'collecting')
      refusePoll('still_collecting', 'the ideas are not revealed yet')
    const answer = checkAnswer(poll.spec, poll.spec.options.length, command.answer)
    if (!poll.spec.anonymous) {
      await tx.polls.saveAnswer(
        poll.id,
        { participantId: actor.id, name: actor.displayName, group: actor.group, answer },
        new Date().toISOString(),
      )
      return { poll }
    }
    const voter = voterOf(poll, actor.id)
    if (command.receipt !== undefined) {
      // A change: this person answered, and holds the receipt of an answer in this poll.
      const stored = answerKey(voter, command.receipt)
      if (
        !(await tx.polls.hasBallot(poll.id, voter)) ||
        !(await tx.polls.hasAnonymousAnswer(poll.id, stored))
      ) {
        refusePoll('already_answered', 'that receipt is not of your answer to this poll')
      }
      await tx.polls.saveAnonymousAnswer(poll.id, stored, actor.group, answer)
      return { poll, receipt: command.receipt }
    }
    if (!(await tx.polls.addBallot(poll.id, voter))) {
      refusePoll('already_answered', 'you have answered: change it with the receipt of your answer')
    }
    const receipt = randomBytes(24).toString('base64url')
    await tx.polls.saveAnonymousAnswer(poll.id, answerKey(voter, receipt), actor.group, answer)
    await tx.polls.mixAnonymousRows(poll.id)
    return { poll, receipt }
  }

  async #session(actor: Participant, sessionId: string) {
    const found = await this.stores.sessions.find(sessionId)
    if (!found || found.session.workspaceId !== actor.workspaceId) {
      throw new DomainError('not_found', 'no such session')
    }
    return {
      room: found.session.room,
      status: found.state.status,
      workspaceId: found.session.workspaceId,
      kind: found.session.kind,
      createdBy: found.session.createdBy,
    }
  }

  /** Writes the poll's newest view into its session's room, once what changed has committed. */
  #show(pollId: string): Promise<void> {
    // One after another per poll, each reading the rows when its turn comes: the last to run
    // shows the newest view, whatever order the room edits would otherwise finish in.
    const previous = this.#showing.get(pollId) ?? Promise.resolve()
    const next = previous.then(() => this.#showLatest(pollId))
    const settled = next.catch(() => undefined)
    this.#showing.set(pollId, settled)
    void settled.then(() => {
      if (this.#showing.get(pollId) === settled) this.#showing.delete(pollId)
    })
    return next
  }

  async #showLatest(pollId: string): Promise<void> {
    const latest = await this.stores.polls.find(pollId)
    if (!latest) return
    const view = await viewOf(this.stores.polls, latest)
    await this.live.edit(sessionRoomName(latest.sessionId), (doc) => writePoll(doc, view))
  }
}
