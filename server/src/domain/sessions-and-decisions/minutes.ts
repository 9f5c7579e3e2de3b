import {
  type EditCounts,
  type GroupBalanceRow,
  voiceBalance,
} from '../../../../shared/src/schema/balance.js'
import type { ClausePassage } from '../../../../shared/src/schema/clause.js'
import type { Contribution } from '../../../../shared/src/schema/contribution.js'
import type { Suggestion } from '../../../../shared/src/schema/decision-rule.js'
import { isNeutral } from '../../../../shared/src/schema/neutral.js'
import type { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import type { PollView } from '../../../../shared/src/schema/poll.js'
import type { RecordPeople } from '../../../../shared/src/schema/record-chain.js'
import type {
  DecisionRecord,
  Dissent,
  Outcome,
  Session,
  SessionEvent,
  SessionKind,
  TakenPosition,
} from '../../../../shared/src/schema/session.js'
import { sessionBalanceInput } from '../../../../shared/src/schema/session-balance.js'
import type { MediationMinutes } from '../mediation-and-agreements/mediation-minutes.js'
import { type AgendaChange, agendaChange } from './agenda-changes.js'
import { applyEvent, initialState } from './session-machine.js'

export interface Minutes {
  session: { id: string; title: string; kind: SessionKind; createdAt: string }
  agenda: {
    title: string
    plannedMinutes: number
    startedAt: string | null
    endedAt: string | null
    actualMinutes: number | null
  }[]
  /** How the facilitator shaped the agenda while the session ran, in order. */
  agendaChanges: AgendaChange[]
  attendance: Partial<Record<StakeholderGroup, string[]>>
  /** Names of the facilitation team marked neutral: left out of balance and tallies. */
  neutral?: string[]
  speakingSecondsByGroup: Record<string, number>
  /** The balance of voice over the session, against everyone who attended. */
  balance: GroupBalanceRow[]
  /** Comments and ideas said in the session, with the channel of those recorded for someone. */
  contributions: Omit<Contribution, 'participantId' | 'id'>[]
  proposals: {
    title: string
    text: string
    openedAt: string
    closedAt: string | null
    outcome: Outcome | null
    /** Taken off the table by the facilitator: no outcome and no decision record. */
    withdrawn: boolean
    positions: Omit<TakenPosition, 'participantId' | 'at' | 'versionId'>[]
    decisionId: string | null
  }[]
  decisions: {
    id: string
    sequence: number
    title: string
    outcome: Outcome
    hash: string
    /** The plan version the decision approved and its content hash, when it is about a plan. */
    versionId?: string
    contentHash?: string
    /** The clause it decided on: its exact text and that text's SHA-256. */
    passage?: ClausePassage
    /** Objections and blocks standing at the close, with their reasons and who gave them. */
    dissent?: Omit<Dissent, 'participantId'>[]
    /** Adopted over that many blocks and objections, as the facilitator confirmed. */
    adoptedOver?: { blocks: number; objections: number }
    /** The proposal's decision rule, its tally and the outcome it suggested. */
    suggestion?: Suggestion
  }[]
  /** For a mediation: its parties, caucuses and agreements. */
  mediation?: MediationMinutes
  /** The session's polls, as everyone may see them. */
  polls?: PollView[]
}

/** The minutes of a session, rebuilt from its events: what happened, in the order it did. */
export const buildMinutes = (
  session: Session,
  events: readonly SessionEvent[],
  decisions: readonly DecisionRecord[],
  mediation?: MediationMinutes,
  /** Names beside the log, by person commitment. */
  people: RecordPeople = {},
  /** Plan text edited while the session ran, by the writers' groups then. */
  edits: EditCounts = { added: {}, removed: {} },
): Minutes => {
  let state = initialState(session.agenda, session.createdAt)
  const proposals: Minutes['proposals'] = []
  const agendaChanges: AgendaChange[] = []
  for (const event of events) {
    const before = state
    state = applyEvent(state, event)
    const change = agendaChange(before, event)
    if (change) agendaChanges.push(change)
    if (event.command.type === 'proposal.open' && state.proposal) {
      const { title, text, openedAt } = state.proposal
      proposals.push({
        title,
        text,
        openedAt,
        closedAt: null,
        outcome: null,
        withdrawn: false,
        positions: [],
        decisionId: null,
      })
    }
    const closing = event.command.type === 'proposal.close' ? event.command : undefined
    const current = proposals.at(-1)
    if ((closing || event.command.type === 'proposal.withdraw') && before.proposal && current) {
      current.closedAt = event.at
      current.outcome = closing?.outcome ?? null
      current.withdrawn = !closing
      current.decisionId = (closing && event.createdId) || null
      current.positions = before.proposal.positions.map(
        ({ name, group, value, reason, channel, recordedBy }) => ({
          name,
          group,
          value,
          ...(reason ? { reason } : {}),
          ...(channel && recordedBy ? { channel, recordedBy } : {}),
        }),
      )
    }
  }
  const attendance: Minutes['attendance'] = {}
  for (const person of state.attendance) {
    attendance[person.group] = [...(attendance[person.group] ?? []), person.name]
  }
  return {
    session: {
      id: session.id,
      title: session.title,
      kind: session.kind,
      createdAt: session.createdAt,
    },
    // The agenda as it was run: stages added during the session are in it, removed ones are not.
    agenda: state.agenda.map((item, index) => {
      const visits = state.stageLog.filter((entry) => entry.index === index)
      const startedAt = visits[0]?.from ?? null
      const endedAt = visits.at(-1)?.to ?? null
      const spent = visits.reduce(
        (sum, entry) => sum + (entry.to ? Date.parse(entry.to) - Date.parse(entry.from) : 0),
        0,
      )
      return {
        title: item.title,
        plannedMinutes: item.minutes,
        startedAt,
        endedAt,
        actualMinutes: visits.length > 0 && endedAt ? Math.round(spent / 60_000) : null,
      }
    }),
    agendaChanges,
    attendance,
    ...(state.neutral.length > 0
      ? {
          neutral: state.attendance
            .filter((person) => isNeutral(state, person.participantId))
            .map((person) => person.name),
        }
      : {}),
    speakingSecondsByGroup: Object.fromEntries(
      Object.entries(state.balance.speakingMs).map(([group, ms]) => [group, Math.round(ms / 1000)]),
    ),
    balance: voiceBalance(sessionBalanceInput(state, edits, { live: false })),
    contributions: (state.contributions ?? []).map(({ participantId: _, id: __, ...rest }) => rest),
    proposals,
    decisions: decisions
      .filter((decision) => decision.sessionId === session.id)
      .map(({ id, sequence, title, outcome, hash, versionId, contentHash, ...rest }) => ({
        id,
        sequence,
        title,
        outcome,
        hash,
        ...(versionId && contentHash ? { versionId, contentHash } : {}),
        ...(rest.passage ? { passage: rest.passage } : {}),
        ...(rest.dissent
          ? {
              dissent: rest.dissent.map(({ person, ...entry }) => ({
                ...entry,
                name: people[person] ?? 'someone no longer named',
              })),
            }
          : {}),
        ...(rest.adoptedOver ? { adoptedOver: rest.adoptedOver } : {}),
        ...(rest.suggestion ? { suggestion: rest.suggestion } : {}),
      })),
    ...(mediation ? { mediation } : {}),
  }
}
