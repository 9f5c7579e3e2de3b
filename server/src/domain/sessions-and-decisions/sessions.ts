import type { ClauseStatus } from '../../../../shared/src/schema/clause.js'
import type { PlanDocument } from '../../../../shared/src/schema/document.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import {
  type CreateSessionBody,
  type DecisionRecord,
  defaultAgendas,
  presentNow,
  type RecordDecisionBody,
  type Session,
  type SessionCommand,
  type SessionEvent,
  type SessionState,
  type SessionSummary,
} from '../../../../shared/src/schema/session.js'
import { boardRoomName, RoomKind } from '../../../../shared/src/ydoc/rooms.js'
import { sessionRoomName } from '../../../../shared/src/ydoc/session-room.js'
import { DomainError } from '../domain-error.js'
import { recordAudit } from '../people-and-access/audit.js'
import type { LiveRooms, Stores, Transaction } from '../ports.js'
import type { RecordChain } from '../records-and-publication/record-chain.js'
import { newId } from '../secrets.js'
import {
  anonymousView,
  checkAnonymousConsent,
  endAnonymousProposal,
  startAnonymousProposal,
  takeAnonymousPosition,
  withAnonymousView,
} from './anonymous-positions.js'
import type { ApprovedTexts } from './approved-texts.js'
import { frozenPassage, PlanClauseStatuses } from './clause-passages.js'
import { ClosingPages } from './closing-pages.js'
import { checkRole, checkTargets, commandSubject } from './command-checks.js'
import { showSessionState } from './committed-rooms.js'
import { checkConsent } from './consent.js'
import { DecisionRecords } from './decision-records.js'
import { shownEvents, shownState } from './hidden-results.js'
import { closeSessionPolls } from './polls.js'
import { applyEvent, initialState, replay } from './session-machine.js'
import { checkRunner } from './session-runner.js'

/**
 * Live sessions: the server owns their state. Commands are checked against role and state
 * machine, stored as events, and written to the session's room, which clients only read.
 */
export class Sessions {
  /** Each session's room edits still to run, one after another. */
  readonly #publishing = new Map<string, Promise<void>>()
  readonly #clauses: PlanClauseStatuses
  readonly #closing: ClosingPages
  readonly #decisions: DecisionRecords

  constructor(
    private readonly stores: Stores,
    private readonly live: LiveRooms,
    chain: RecordChain,
    private readonly approvedTexts: ApprovedTexts,
    /** How long a leave sent as a page closes waits for the page to come back (a reload). */
    leaveGraceMs = 4000,
  ) {
    this.#clauses = new PlanClauseStatuses(stores)
    this.#decisions = new DecisionRecords(stores, live, chain, approvedTexts)
    this.#closing = new ClosingPages(leaveGraceMs, (room, id) => live.pageSeen(room, id))
  }

  async create(
    actor: Participant,
    body: CreateSessionBody,
  ): Promise<{ session: Session; state: SessionState }> {
    const session: Session = {
      id: newId(),
      workspaceId: actor.workspaceId,
      title: body.title,
      kind: body.kind,
      agenda: body.agenda ?? defaultAgendas[body.kind],
      room: '',
      createdBy: actor.id,
      createdAt: new Date().toISOString(),
    }
    session.room = sessionRoomName(session.id)
    const state = initialState(session.agenda, session.createdAt)
    let published = Promise.resolve()
    await this.stores.transaction(async (tx) => {
      await tx.sessions.insert(session, state)
      await tx.documents.insertWorkspaceRoom(session.room, session.workspaceId, RoomKind.session)
      if (session.kind === 'mediation') {
        const board = boardRoomName(session.id)
        await tx.documents.insertWorkspaceRoom(board, session.workspaceId, RoomKind.board)
      }
      await recordAudit(tx, {
        workspaceId: session.workspaceId,
        actorId: actor.id,
        action: 'session.started',
        target: session.id,
        details: { title: session.title, kind: session.kind },
      })
      published = this.#publish(tx, session.id)
    })
    await published
    return { session, state }
  }

  async list(workspaceId: string): Promise<SessionSummary[]> {
    return await this.stores.sessions.list(workspaceId)
  }

  async get(
    workspaceId: string | undefined,
    id: string,
  ): Promise<{ session: Session; state: SessionState }> {
    const found = await this.stores.sessions.find(id)
    if (!found || (workspaceId !== undefined && found.session.workspaceId !== workspaceId)) {
      throw new DomainError('not_found', 'no such session')
    }
    return found
  }

  /**
   * A session as its members may read it: no positions of a proposal hiding its results, counts
   * alone of an anonymous one.
   */
  async view(workspaceId: string, id: string): Promise<{ session: Session; state: SessionState }> {
    const { session, state } = await this.get(workspaceId, id)
    return { session, state: await this.#shown(state) }
  }

  async #shown(state: SessionState): Promise<SessionState> {
    return await withAnonymousView(this.stores.anonymousPositions, shownState(state))
  }

  async workspaceOf(id: string): Promise<string | undefined> {
    return (await this.stores.sessions.find(id))?.session.workspaceId
  }

  /**
   * Runs one command: role, then state machine, then event and state stored, then the room once
   * they have committed.
   */
  async command(
    actor: Participant,
    sessionId: string,
    command: SessionCommand,
  ): Promise<{ state: SessionState; receipt?: string }> {
    checkRole(actor, command)
    const onBehalf = 'onBehalf' in command ? command.onBehalf : undefined
    const current = await this.get(actor.workspaceId, sessionId)
    checkRunner(current.session, actor, command)
    if (command.type === 'attendance.leave' && command.closing) {
      this.#closing.schedule(sessionId, current.session.room, actor.id, () =>
        this.command(actor, sessionId, { type: 'attendance.leave' }),
      )
      return { state: await this.#shown(current.state) }
    }
    if (command.type === 'attendance.join') {
      this.#closing.cancel(sessionId, actor.id)
      // Already here (a reload, a second tab): nothing to record.
      const here = current.state.attendance.find((person) => person.participantId === actor.id)
      if (here && presentNow(here)) return { state: await this.#shown(current.state) }
    }
    await checkTargets(this.stores, actor, command)
    // Opening a proposal on a plan freezes a version of it, and closing one may save one: what
    // rooms hold is committed first, on its own, as nothing relayed may depend on a transaction
    // that could still roll back.
    if (
      command.type === 'proposal.close' ||
      (command.type === 'proposal.open' && command.documentId)
    ) {
      await this.live.commitPending()
    }
    let published = Promise.resolve()
    const { state, receipt } = await this.stores.transaction(async (tx) => {
      const { session, state: before } = await this.get(actor.workspaceId, sessionId)
      if (command.type === 'position.take' && before.proposal?.anonymous) {
        checkConsent(before, command)
        const receipt = await takeAnonymousPosition(tx, actor, before, before.proposal, command)
        published = this.#publish(tx, sessionId)
        return { state: before, receipt }
      }
      const subject = onBehalf
        ? await commandSubject(this.stores, actor.workspaceId, onBehalf.participantId)
        : undefined
      // The plan's text is frozen as the proposal opens: positions are taken on that version.
      const frozen =
        command.type === 'proposal.open' && command.documentId
          ? await this.approvedTexts.freeze(tx, actor, command.documentId, command.title)
          : undefined
      // The clause is read from that version, once: replays take its text from the event.
      const passage =
        command.type === 'proposal.open' && command.passage && frozen
          ? await frozenPassage(tx, frozen.documentId, frozen.id, command.passage)
          : undefined
      const event: SessionEvent = {
        sequence: await tx.sessions.nextSequence(sessionId),
        at: new Date().toISOString(),
        actor: {
          participantId: actor.id,
          name: actor.displayName,
          group: actor.group,
          role: actor.role,
        },
        command,
        ...(command.type === 'proposal.open' ||
        command.type === 'proposal.close' ||
        command.type === 'contribution.add'
          ? { createdId: newId() }
          : {}),
        ...(frozen ? { versionId: frozen.id } : {}),
        ...(passage ? { passage } : {}),
        ...(subject ? { subject } : {}),
      }
      const after = applyEvent(before, event)
      // After the state machine, so a refusal names the state first (no proposal, session ended).
      checkConsent(before, command)
      if (command.type === 'proposal.open' && command.anonymous && after.proposal) {
        await startAnonymousProposal(tx, after.proposal.id, sessionId)
      }
      const anonymous = before.proposal?.anonymous ? before.proposal.id : undefined
      if (command.type === 'proposal.close' && before.proposal?.anonymous) {
        const positions = await tx.anonymousPositions.positions(before.proposal.id)
        checkAnonymousConsent(positions, before.proposal, command)
      }
      if (command.type === 'proposal.close' && before.proposal && event.createdId) {
        await this.#decisions.fromProposal(
          tx,
          actor,
          session,
          before,
          event.createdId,
          command.outcome,
        )
      }
      if (
        (command.type === 'proposal.close' || command.type === 'proposal.withdraw') &&
        anonymous
      ) {
        // Closed: the one-per-person check and its key go, off the disk too.
        await endAnonymousProposal(tx, anonymous)
        void tx.afterCommit(() => this.stores.erasure.flush(`proposal ${anonymous} ballots`))
      }
      if (command.type === 'session.end') {
        // Its polls close with it: results final, anonymous ballots forgotten.
        await closeSessionPolls(tx, this.stores, this.live, session.id, event.at)
        await recordAudit(tx, {
          workspaceId: session.workspaceId,
          actorId: actor.id,
          action: 'session.ended',
          target: session.id,
          details: { title: session.title, kind: session.kind },
        })
      }
      await tx.sessions.append(sessionId, event, after)
      published = this.#publish(tx, sessionId)
      return { state: after }
    })
    await published
    return { state: await this.#shown(state), ...(receipt ? { receipt } : {}) }
  }

  /** The clauses of a plan that proposals were anchored to, and how each stands. */
  async clauses(document: PlanDocument): Promise<ClauseStatus[]> {
    return await this.#clauses.of(document)
  }

  /** The events of a session, in order, as its members may read them (see `view`). */
  async events(workspaceId: string, sessionId: string): Promise<SessionEvent[]> {
    const { state } = await this.get(workspaceId, sessionId)
    return shownEvents(await this.stores.sessions.events(sessionId), state)
  }

  /** The state rebuilt from the events alone. */
  async replay(workspaceId: string, sessionId: string): Promise<SessionState> {
    const { session } = await this.get(workspaceId, sessionId)
    return replay(session.agenda, session.createdAt, await this.stores.sessions.events(sessionId))
  }

  /** A decision recorded directly by a facilitator, outside any proposal. */
  async recordDecision(actor: Participant, body: RecordDecisionBody): Promise<DecisionRecord> {
    return await this.#decisions.record(actor, body)
  }

  /**
   * Once `tx` has committed, writes the stored state into the session room: the newest state,
   * whatever ran before. Should the process die first, the room catches up as it next loads.
   */
  #publish(tx: Transaction, sessionId: string): Promise<void> {
    return tx.afterCommit(() => {
      // One after another per session, each reading the row when its turn comes: the last to
      // run shows the newest state, whatever order the room edits would otherwise finish in.
      const previous = this.#publishing.get(sessionId) ?? Promise.resolve()
      const next = previous.then(() => this.#showLatest(sessionId))
      const settled = next.catch(() => undefined)
      this.#publishing.set(sessionId, settled)
      void settled.then(() => {
        if (this.#publishing.get(sessionId) === settled) this.#publishing.delete(sessionId)
      })
      return next
    })
  }

  async #showLatest(sessionId: string): Promise<void> {
    const latest = await this.stores.sessions.find(sessionId)
    if (!latest) return
    // A room loaded for this edit already took the row's state as it loaded (no change then).
    const view = await anonymousView(this.stores.anonymousPositions, latest.state)
    await this.live.edit(latest.session.room, (doc) => showSessionState(doc, latest.state, view))
  }
}
