import {
  type EditCounts,
  type GroupBalanceRow,
  percent,
  voiceBalance,
} from '../../../shared/src/schema/balance.js'
import type { Contribution } from '../../../shared/src/schema/contribution.js'
import type { Suggestion } from '../../../shared/src/schema/decision-rule.js'
import type { StakeholderGroup } from '../../../shared/src/schema/people.js'
import type { PollView } from '../../../shared/src/schema/poll.js'
import type { RecordPeople } from '../../../shared/src/schema/record-chain.js'
import type {
  DecisionRecord,
  Dissent,
  Outcome,
  Session,
  SessionEvent,
  TakenPosition,
} from '../../../shared/src/schema/session.js'
import { sessionBalanceInput } from '../../../shared/src/schema/session-balance.js'
import { type AgendaChange, agendaChange, agendaChangeLine } from './agenda-changes.js'
import { type MediationMinutes, mediationMarkdown } from './mediation-minutes.js'
import { escapeMarkdown as escaped } from './plan-content/markdown.js'
import { pollMarkdown } from './poll-minutes.js'
import { applyEvent, initialState } from './session-machine.js'

export interface Minutes {
  session: { id: string; title: string; kind: string }
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
    session: { id: session.id, title: session.title, kind: session.kind },
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

const time = (iso: string | null): string => (iso ? iso.slice(11, 16) : '—')

const channelWords = { paper: 'on paper', phone: 'by phone', in_person: 'in person' } as const

/** ", by phone, recorded by Fasilitator" for what was recorded on someone's behalf. */
const onBehalf = (said: {
  channel?: keyof typeof channelWords | null
  recordedBy?: { name: string } | null
}): string =>
  said.channel && said.recordedBy
    ? `, ${channelWords[said.channel]}, recorded by ${escaped(said.recordedBy.name)}`
    : ''

/** Each group's share of the people who attended beside its share of each kind of voice. */
const balanceMarkdown = (rows: readonly GroupBalanceRow[]): string[] => {
  const cell = ({ value, share }: { value: number; share: number }) =>
    `${value} (${percent(share)} %)`
  const lines = [
    '## Balance of voice',
    '',
    '| group | attended | speaking | turns | positions | proposals | comments | ideas | plan edits (characters) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const row of rows) {
    const { measures: m } = row
    const seconds = Math.round(m.speakingMs.value / 1000)
    lines.push(
      `| ${row.group} | ${row.present} (${percent(row.presentShare)} %) | ${Math.floor(seconds / 60)} min ${seconds % 60} s (${percent(m.speakingMs.share)} %) | ${cell(m.turns)} | ${cell(m.positions)} | ${cell(m.proposals)} | ${cell(m.comments)} | ${cell(m.ideas)} | ${cell(m.edits)} |`,
    )
  }
  return lines
}

/** The minutes as Markdown; text written by participants is escaped. */
export const minutesMarkdown = (minutes: Minutes): string => {
  const lines = [
    `# Minutes: ${escaped(minutes.session.title)}`,
    '',
    `Kind: ${minutes.session.kind}`,
    '',
    '## Agenda',
    '',
  ]
  lines.push(
    '| stage | planned | started | ended | actual |',
    '| --- | ---: | ---: | ---: | ---: |',
  )
  for (const item of minutes.agenda) {
    const actual = item.actualMinutes === null ? '—' : `${item.actualMinutes} min`
    lines.push(
      `| ${escaped(item.title)} | ${item.plannedMinutes} min | ${time(item.startedAt)} | ${time(item.endedAt)} | ${actual} |`,
    )
  }
  if (minutes.agendaChanges.length > 0) {
    lines.push('', '### Agenda changes', '')
    for (const change of minutes.agendaChanges) lines.push(`- ${agendaChangeLine(change)}`)
  }
  lines.push('', '## Attendance', '')
  for (const [group, names] of Object.entries(minutes.attendance)) {
    lines.push(`- ${group}: ${(names ?? []).map(escaped).join(', ')}`)
  }
  lines.push('', '## Speaking time by group', '')
  for (const [group, seconds] of Object.entries(minutes.speakingSecondsByGroup)) {
    lines.push(`- ${group}: ${Math.floor(seconds / 60)} min ${seconds % 60} s`)
  }
  lines.push('', ...balanceMarkdown(minutes.balance))
  if (minutes.contributions.length > 0) {
    lines.push('', '## Comments and ideas', '')
    for (const said of minutes.contributions) {
      lines.push(
        `- ${said.kind}: ${escaped(said.name)} (${said.group}${onBehalf(said)}): ${escaped(said.text)}`,
      )
    }
  }
  lines.push('', '## Proposals', '')
  for (const proposal of minutes.proposals) {
    lines.push(`### ${escaped(proposal.title)}`, '', escaped(proposal.text), '')
    const outcome = proposal.withdrawn ? 'withdrawn' : (proposal.outcome ?? 'not closed')
    lines.push(`Outcome: ${outcome}`, '')
    for (const position of proposal.positions) {
      const reason = position.reason ? ` — ${escaped(position.reason)}` : ''
      lines.push(
        `- ${escaped(position.name)} (${position.group}${onBehalf(position)}): ${position.value}${reason}`,
      )
    }
    lines.push('')
  }
  lines.push('## Decisions', '')
  for (const decision of minutes.decisions) {
    const approved = decision.versionId
      ? `; approved plan version ${decision.versionId}, content sha256 ${decision.contentHash}`
      : ''
    const over = decision.adoptedOver
    const confirmed = over
      ? ` over ${over.blocks} block(s) and ${over.objections} objection(s), confirmed by the facilitator`
      : ''
    lines.push(
      `- #${decision.sequence} ${escaped(decision.title)}: ${decision.outcome}${confirmed} (sha256 ${decision.hash}${approved})`,
    )
    const suggested = decision.suggestion
    if (suggested) {
      const { tally } = suggested
      const quorum = suggested.quorum === null ? '' : `, quorum ${suggested.quorum}`
      lines.push(
        `  - rule: ${suggested.rule}${quorum}; suggested ${suggested.outcome} (${suggested.basis}); for ${tally.for}, against ${tally.against}, stand aside ${tally.standAside}; ${tally.responded} of ${tally.present} present responded`,
      )
    }
    for (const entry of decision.dissent ?? []) {
      const reason = entry.reason ? ` — ${escaped(entry.reason)}` : ''
      lines.push(`  - ${entry.value}: ${escaped(entry.name)} (${entry.group})${reason}`)
    }
  }
  if (minutes.polls?.length) lines.push('', ...pollMarkdown(minutes.polls))
  if (minutes.mediation) lines.push('', ...mediationMarkdown(minutes.mediation))
  return `${lines.join('\n')}\n`
}
