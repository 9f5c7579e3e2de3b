import { isNeutral } from '../../../../shared/src/schema/neutral.js'
import type { Role } from '../../../../shared/src/schema/people.js'
import {
  type AgendaItem,
  presentNow,
  type SessionCommand,
  type SessionEvent,
  type SessionState,
} from '../../../../shared/src/schema/session.js'
import { editAgenda } from './agenda-edit.js'
import { markNeutral } from './neutral-marks.js'
import { add, endSpeaker, giveFloor, leave, speakerOf } from './session-floor.js'
import { refuseSession as refuse } from './session-rule.js'

const runners: readonly Role[] = ['facilitator', 'mediator']
const participants: readonly Role[] = ['facilitator', 'mediator', 'stakeholder', 'commenter']

/** Who may issue each command; everything else is decided by the state. */
export const commandRoles: Record<SessionCommand['type'], readonly Role[]> = {
  'attendance.join': ['facilitator', 'mediator', 'stakeholder', 'commenter', 'observer'],
  'attendance.leave': ['facilitator', 'mediator', 'stakeholder', 'commenter', 'observer'],
  'stage.advance': runners,
  'stage.goto': runners,
  'agenda.stage.add': runners,
  'agenda.stage.remove': runners,
  'agenda.stage.move': runners,
  'agenda.stage.rename': runners,
  'agenda.stage.time': runners,
  'timer.start': runners,
  'timer.pause': runners,
  'timer.extend': runners,
  'hand.raise': participants,
  'hand.lower': participants,
  'floor.give': runners,
  'floor.next': runners,
  'floor.end': runners,
  'proposal.open': runners,
  'position.take': participants,
  'contribution.add': participants,
  'proposal.close': runners,
  'proposal.withdraw': runners,
  'proposal.reveal': runners,
  'session.end': runners,
  'neutral.set': runners,
}

const minutesMs = (minutes: number): number => minutes * 60_000

/** The open proposal, which must be the one the sender named if they named one. */
const openProposal = (state: SessionState, proposalId: string | undefined) => {
  const { proposal } = state
  if (!proposal) return refuse('no_open_proposal', 'no proposal is open')
  if (proposalId !== undefined && proposalId !== proposal.id) {
    return refuse('other_proposal', 'another proposal is open now')
  }
  return proposal
}

export const initialState = (agenda: readonly AgendaItem[], at: string): SessionState => ({
  status: 'running',
  agenda: [...agenda],
  stage: 0,
  stageLog: [{ index: 0, from: at, to: null }],
  timer: { running: false, remainingMs: minutesMs(agenda[0]?.minutes ?? 0), endsAt: null },
  queue: [],
  speaker: null,
  proposal: null,
  attendance: [],
  balance: { speakingMs: {}, turns: {}, positions: {}, proposals: {}, comments: {}, ideas: {} },
  contributions: [],
  decisions: [],
  neutral: [],
})

/** Enters a stage with its planned minutes on the timer, started at once if asked. */
const gotoStage = (
  state: SessionState,
  index: number,
  at: string,
  startTimer: boolean | undefined,
): SessionState => {
  const remainingMs = minutesMs(state.agenda[index]?.minutes ?? 0)
  return {
    ...state,
    stage: index,
    stageLog: [
      ...state.stageLog.map((entry) => (entry.to === null ? { ...entry, to: at } : entry)),
      { index, from: at, to: null },
    ],
    timer: startTimer
      ? { running: true, remainingMs, endsAt: new Date(Date.parse(at) + remainingMs).toISOString() }
      : { running: false, remainingMs, endsAt: null },
  }
}

/**
 * The session's state machine: the state after `event`, or a DomainError (409 with the rule
 * broken). Pure: the same events always rebuild the same state, which is how a session replays.
 */
export const applyEvent = (state: SessionState, event: SessionEvent): SessionState => {
  const { command, actor, at } = event
  if (state.status === 'ended') return refuse('session_ended', 'the session has ended')
  switch (command.type) {
    case 'attendance.join': {
      const known = state.attendance.find((person) => person.participantId === actor.participantId)
      if (known && presentNow(known)) return state
      // Back after leaving: present again, joined when they first came.
      if (known) {
        return {
          ...state,
          attendance: state.attendance.map((person) =>
            person === known ? { ...person, leftAt: null } : person,
          ),
        }
      }
      const attendee = {
        participantId: actor.participantId,
        name: actor.name,
        group: actor.group,
        role: actor.role,
        joinedAt: at,
      }
      return { ...state, attendance: [...state.attendance, attendee] }
    }
    case 'attendance.leave':
      return leave(state, actor.participantId, at)
    case 'stage.advance':
      if (state.stage >= state.agenda.length - 1) {
        return refuse('last_stage', 'this is the last stage')
      }
      return gotoStage(state, state.stage + 1, at, command.startTimer)
    case 'stage.goto':
      if (command.index >= state.agenda.length)
        return refuse('no_such_stage', 'the agenda has no such stage')
      if (command.index === state.stage)
        return refuse('already_at_stage', 'the session is at that stage')
      return gotoStage(state, command.index, at, command.startTimer)
    case 'agenda.stage.add':
    case 'agenda.stage.remove':
    case 'agenda.stage.move':
    case 'agenda.stage.rename':
    case 'agenda.stage.time':
      return editAgenda(state, command)
    case 'timer.start':
      if (state.timer.running) return refuse('timer_running', 'the timer is running')
      return {
        ...state,
        timer: {
          ...state.timer,
          running: true,
          endsAt: new Date(Date.parse(at) + state.timer.remainingMs).toISOString(),
        },
      }
    case 'timer.pause': {
      if (!state.timer.running || !state.timer.endsAt) {
        return refuse('timer_not_running', 'the timer is not running')
      }
      const remainingMs = Math.max(0, Date.parse(state.timer.endsAt) - Date.parse(at))
      return { ...state, timer: { running: false, remainingMs, endsAt: null } }
    }
    case 'timer.extend': {
      const extra = minutesMs(command.minutes)
      const endsAt =
        state.timer.endsAt && new Date(Date.parse(state.timer.endsAt) + extra).toISOString()
      return {
        ...state,
        timer: { ...state.timer, remainingMs: state.timer.remainingMs + extra, endsAt },
      }
    }
    case 'hand.raise':
      if (state.speaker?.participantId === actor.participantId) {
        return refuse('already_speaking', 'you have the floor')
      }
      if (state.queue.some((hand) => hand.participantId === actor.participantId)) {
        return refuse('already_in_queue', 'your hand is already raised')
      }
      return {
        ...state,
        queue: [
          ...state.queue,
          { participantId: actor.participantId, name: actor.name, group: actor.group },
        ],
      }
    case 'hand.lower':
      if (!state.queue.some((hand) => hand.participantId === actor.participantId)) {
        return refuse('not_in_queue', 'your hand is not raised')
      }
      return {
        ...state,
        queue: state.queue.filter((hand) => hand.participantId !== actor.participantId),
      }
    case 'floor.give':
      return giveFloor(state, command.participantId, at)
    case 'floor.next': {
      const next = state.queue[0]
      if (!next) return refuse('queue_empty', 'nobody is waiting to speak')
      return giveFloor(state, next.participantId, at)
    }
    case 'floor.end':
      if (!state.speaker) return refuse('no_speaker', 'nobody has the floor')
      return endSpeaker(state, at)
    case 'proposal.open':
      if (state.proposal) return refuse('proposal_open', 'close the open proposal first')
      return {
        ...state,
        balance: isNeutral(state, actor.participantId)
          ? state.balance
          : { ...state.balance, proposals: add(state.balance.proposals, actor.group, 1) },
        proposal: {
          id: event.createdId ?? `${event.sequence}`,
          title: command.title,
          text: command.text,
          documentId: command.documentId ?? null,
          versionId: event.versionId ?? null,
          passage:
            command.passage && event.passage ? { ...command.passage, ...event.passage } : null,
          openedAt: at,
          rule: command.rule ?? 'consent',
          quorum: command.quorum ?? null,
          // Anonymous counts moving live would show whoever watches what the last person chose.
          hidden: (command.hideResults ?? false) || (command.anonymous ?? false),
          anonymous: command.anonymous ?? false,
          positions: [],
        },
      }
    case 'position.take': {
      const proposal = openProposal(state, command.proposalId)
      // Anonymous positions are never events: they are kept apart from who took them.
      if (proposal.anonymous) {
        return refuse('anonymous_proposal', 'positions on this proposal are anonymous')
      }
      // Stored states from before versions were frozen at opening have no `versionId`.
      const versionId = proposal.versionId ?? null
      if (command.versionId !== undefined && command.versionId !== versionId) {
        return refuse('other_version', 'the open proposal is on another version of the plan')
      }
      const { person, channel, recordedBy } = speakerOf(state, event)
      const taken = {
        participantId: person.participantId,
        name: person.name,
        group: person.group,
        value: command.value,
        ...(command.reason ? { reason: command.reason } : {}),
        versionId,
        at,
        ...(channel && recordedBy ? { channel, recordedBy } : {}),
      }
      // The balance counts each person's latest position once per proposal: a change of mind
      // moves their count (to their group now), it does not add another.
      const earlier = proposal.positions.find((p) => p.participantId === person.participantId)
      const positions = isNeutral(state, person.participantId)
        ? state.balance.positions
        : add(
            earlier ? add(state.balance.positions, earlier.group, -1) : state.balance.positions,
            person.group,
            1,
          )
      return {
        ...state,
        proposal: {
          ...proposal,
          positions: [
            ...proposal.positions.filter((p) => p.participantId !== person.participantId),
            taken,
          ],
        },
        balance: { ...state.balance, positions },
      }
    }
    case 'contribution.add': {
      const { person, channel, recordedBy } = speakerOf(state, event)
      const counts = command.kind === 'idea' ? 'ideas' : 'comments'
      const contribution = {
        id: event.createdId ?? `${event.sequence}`,
        kind: command.kind,
        text: command.text,
        participantId: person.participantId,
        name: person.name,
        group: person.group,
        channel: channel ?? null,
        recordedBy: recordedBy ?? null,
        at,
      }
      return {
        ...state,
        contributions: [...(state.contributions ?? []), contribution],
        balance: isNeutral(state, person.participantId)
          ? state.balance
          : { ...state.balance, [counts]: add(state.balance[counts], person.group, 1) },
      }
    }
    case 'proposal.close':
      openProposal(state, command.proposalId)
      return {
        ...state,
        proposal: null,
        decisions: [...state.decisions, event.createdId ?? `${event.sequence}`],
      }
    case 'proposal.withdraw':
      openProposal(state, command.proposalId)
      return { ...state, proposal: null }
    case 'proposal.reveal': {
      const proposal = openProposal(state, command.proposalId)
      if (!proposal.hidden) return refuse('not_hidden', 'the results are not hidden')
      return { ...state, proposal: { ...proposal, hidden: false } }
    }
    case 'session.end': {
      if (state.proposal) return refuse('proposal_open', 'close the open proposal first')
      const ended = endSpeaker(state, at)
      return {
        ...ended,
        status: 'ended',
        queue: [],
        stageLog: ended.stageLog.map((entry) => (entry.to === null ? { ...entry, to: at } : entry)),
        timer: { ...ended.timer, running: false, endsAt: null },
      }
    }
    case 'neutral.set':
      return markNeutral(state, command)
    default: {
      const unhandled: never = command
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`)
    }
  }
}

/** Rebuilds a session's state from its events. */
export const replay = (
  agenda: readonly AgendaItem[],
  createdAt: string,
  events: readonly SessionEvent[],
): SessionState => events.reduce(applyEvent, initialState(agenda, createdAt))
