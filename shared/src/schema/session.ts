import { z } from 'zod'
import { AgendaItem, agendaCommands, agendaMaxStages } from './agenda.js'
import { GroupCounts } from './balance.js'
import type { ClausePassage } from './clause.js'
import { Contribution, ContributionKind, ContributionText, OnBehalf } from './contribution.js'
import { Role, StakeholderGroup } from './people.js'
import {
  CloseProposal,
  LiveProposal,
  OpenProposal,
  RevealProposal,
  TakePosition,
  WithdrawProposal,
} from './proposal.js'
import { oneLine } from './text-line.js'

export { AgendaItem, agendaMaxStages, StageMinutes, StageTitle } from './agenda.js'
export { LiveProposal, TakenPosition } from './proposal.js'

export const SessionKind = z.enum(['workshop', 'mediation'])
export type SessionKind = z.infer<typeof SessionKind>

/** Who may open each kind of session: a mediation is run by the mediator who opens it. */
export const sessionKindRoles: Record<SessionKind, readonly Role[]> = {
  workshop: ['facilitator', 'mediator'],
  mediation: ['mediator'],
}

/** Agendas a session starts from when none is given. */
export const defaultAgendas: Record<SessionKind, AgendaItem[]> = {
  workshop: [
    { title: 'Opening', minutes: 10 },
    { title: 'Context and data', minutes: 20 },
    { title: 'Group discussion', minutes: 40 },
    { title: 'Proposals', minutes: 30 },
    { title: 'Decision', minutes: 20 },
    { title: 'Closing', minutes: 10 },
  ],
  mediation: [
    { title: 'Opening', minutes: 10 },
    { title: 'Party statements', minutes: 30 },
    { title: 'Issues and interests', minutes: 40 },
    { title: 'Options', minutes: 40 },
    { title: 'Negotiation', minutes: 60 },
    { title: 'Agreement', minutes: 30 },
    { title: 'Closing', minutes: 10 },
  ],
}

/**
 * The stage names the client translates: the default agendas' titles, stored in English so that
 * sessions from before translated stages keep theirs.
 */
export const stageKeys: readonly string[] = [
  ...new Set(Object.values(defaultAgendas).flatMap((agenda) => agenda.map((item) => item.title))),
]

export {
  type DissentingPosition,
  dissentingPositions,
  isDissent,
  Outcome,
  Position,
} from './position.js'

/** Why a command does not fit the session's state: the `details.rule` of a 409 answer. */
export const SessionRule = z.enum([
  'session_ended',
  'last_stage',
  'no_such_stage',
  'already_at_stage',
  'timer_running',
  'timer_not_running',
  'already_in_queue',
  'already_speaking',
  'not_in_queue',
  'not_attending',
  'queue_empty',
  'no_speaker',
  'proposal_open',
  'no_open_proposal',
  /** A position sent for another version of the plan than the one the open proposal froze. */
  'other_version',
  /** Removing or moving a stage the session is at or has already been at. */
  'past_stage',
  /** Putting a stage before (or in place of) the current stage or one already run. */
  'before_current_stage',
  /** Adding a stage to an agenda that has `agendaMaxStages`. */
  'agenda_full',
  /** An agenda edit naming (`seen`) a stage other than the one now at its index. */
  'stage_changed',
  /** A close, withdraw or position naming (`proposalId`) a proposal that is no longer open. */
  'other_proposal',
  /** An Object or a Block sent without its reason. */
  'reason_required',
  /** "Adopted" over a standing block, without the facilitator confirming that many blocks. */
  'unresolved_block',
  /** "Adopted" over a standing objection, without the facilitator confirming that many. */
  'unresolved_objection',
  /** Recording on behalf of someone present online in the session: they speak for themselves. */
  'speaks_for_themselves',
  /** Recording on behalf of someone who is not a participant of the workspace, or may not respond. */
  'not_a_participant',
  /** Marking neutral someone who is not on the facilitation team (a facilitator or mediator). */
  'not_facilitation_team',
  /** A second anonymous position without the receipt of the first (the one-per-person check). */
  'already_responded',
  /** Recording a position on behalf of someone, or a neutral member's, on an anonymous proposal. */
  'anonymous_proposal',
  /** Revealing the results of a proposal that does not hide them. */
  'not_hidden',
  /** Adopting an anonymous proposal whose results are hidden: counts refused would tell too much. */
  'reveal_first',
])
export type SessionRule = z.infer<typeof SessionRule>

export const CreateSessionBody = z.strictObject({
  title: oneLine(200),
  kind: SessionKind,
  agenda: z.array(AgendaItem).min(1).max(agendaMaxStages).optional(),
})
export type CreateSessionBody = z.infer<typeof CreateSessionBody>

export const Session = z.object({
  id: z.string(),
  workspaceId: z.string(),
  title: z.string(),
  kind: SessionKind,
  agenda: z.array(AgendaItem),
  /** The server-owned live room: clients read it, and change it only through commands. */
  room: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
})
export type Session = z.infer<typeof Session>

/** A session as the workspace's list shows it: with whether it still runs. */
export const SessionSummary = Session.extend({ status: z.enum(['running', 'ended']) })
export type SessionSummary = z.infer<typeof SessionSummary>

/** Everything that changes a session, checked against role and state by the server. */
export const SessionCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('attendance.join') }),
  /** Leaving the session (closing its page): the balance no longer counts them present. */
  z.strictObject({
    type: z.literal('attendance.leave'),
    /**
     * Sent as the page closes: the server waits `leaveGraceMs` and leaves them only if no page
     * of theirs is then connected to the session room, so a reload is not a leave and a return.
     */
    closing: z.boolean().optional(),
  }),
  ...agendaCommands,
  z.strictObject({ type: z.literal('timer.start') }),
  z.strictObject({ type: z.literal('timer.pause') }),
  z.strictObject({ type: z.literal('timer.extend'), minutes: z.number().int().min(1).max(120) }),
  z.strictObject({ type: z.literal('hand.raise') }),
  z.strictObject({ type: z.literal('hand.lower') }),
  z.strictObject({ type: z.literal('floor.give'), participantId: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('floor.next') }),
  z.strictObject({ type: z.literal('floor.end') }),
  OpenProposal,
  RevealProposal,
  TakePosition,
  /** A comment or an idea said in the session, by the sender or for someone not online. */
  z.strictObject({
    type: z.literal('contribution.add'),
    kind: ContributionKind,
    text: ContributionText,
    onBehalf: OnBehalf.optional(),
  }),
  CloseProposal,
  WithdrawProposal,
  z.strictObject({ type: z.literal('session.end') }),
  /**
   * Marks someone on the facilitation team neutral (or not): from then on their speaking, turns
   * and positions are left out of the balance and the tallies.
   */
  z.strictObject({
    type: z.literal('neutral.set'),
    participantId: z.string().min(1).max(64),
    neutral: z.boolean(),
  }),
])
export type SessionCommand = z.infer<typeof SessionCommand>
export type SessionCommandType = SessionCommand['type']

export const Attendee = z.object({
  participantId: z.string(),
  name: z.string(),
  group: StakeholderGroup,
  /** Whether they may take positions (observers may not). Absent in states from before. */
  role: Role.optional(),
  joinedAt: z.string(),
  /** When they left; null or absent while present (joining again clears it). */
  leftAt: z.string().nullable().optional(),
})
export type Attendee = z.infer<typeof Attendee>

/** Whether an attendee is in the session now. */
export const presentNow = (attendee: Attendee): boolean => !attendee.leftAt

/** The live state of a session, as the server writes it into the session room. */
export const SessionState = z.object({
  status: z.enum(['running', 'ended']),
  /**
   * The agenda as it stands now: it starts as the session's and the facilitator may shape it
   * while the session runs. (States stored before it could be shaped have none; the store fills
   * in the session's own agenda.)
   */
  agenda: z.array(AgendaItem),
  stage: z.number().int(),
  /** When each stage was entered and left, for the minutes. */
  stageLog: z.array(
    z.object({ index: z.number().int(), from: z.string(), to: z.string().nullable() }),
  ),
  timer: z.object({
    running: z.boolean(),
    /** Milliseconds left when paused; when running, `endsAt` says when it runs out. */
    remainingMs: z.number(),
    endsAt: z.string().nullable(),
  }),
  queue: z.array(
    z.object({ participantId: z.string(), name: z.string(), group: StakeholderGroup }),
  ),
  speaker: z
    .object({
      participantId: z.string(),
      name: z.string(),
      group: StakeholderGroup,
      since: z.string(),
    })
    .nullable(),
  proposal: LiveProposal.nullable(),
  attendance: z.array(Attendee),
  balance: z.object({
    speakingMs: GroupCounts,
    turns: GroupCounts,
    positions: GroupCounts,
    /** Counted since the balance was completed: states stored before have none. */
    proposals: GroupCounts.optional(),
    comments: GroupCounts.optional(),
    ideas: GroupCounts.optional(),
  }),
  /** Comments and ideas said in the session, newest last (absent in states stored before). */
  contributions: z.array(Contribution).optional(),
  decisions: z.array(z.string()),
  /** Participant ids of the facilitation team marked neutral (`isNeutral`); none in states from before. */
  neutral: z.array(z.string()).default([]),
})
export type SessionState = z.infer<typeof SessionState>

export {
  ChainVerification,
  DecisionRecord,
  Dissent,
  LoggedDissent,
  RecordDecisionBody,
} from './decision.js'

/** Who issued a command, as they were at that moment (so a replay needs no other table). */
export interface EventActor {
  participantId: string
  name: string
  group: StakeholderGroup
  role: Role
}

/** One stored step of a session: the command, who and when, and the id it created. */
export interface SessionEvent {
  sequence: number
  at: string
  actor: EventActor
  command: SessionCommand
  /** For `proposal.open`: the proposal's id; for `proposal.close`: the decision's id; for `contribution.add`: its id. */
  createdId?: string
  /** For `proposal.open` on a plan: the version frozen for it, so a replay binds the same one. */
  versionId?: string
  /** For `proposal.open` on a passage: its text in that version, read once as it opened. */
  passage?: ClausePassage
  /** For a command `onBehalf` of someone: that person as they were, so a replay needs no table. */
  subject?: EventActor
}
