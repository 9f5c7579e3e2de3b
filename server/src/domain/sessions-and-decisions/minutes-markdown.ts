import { artefactWords, stageName } from '../../../../shared/src/artefacts/words.js'
import { formatDate, formatDateTime, formatTime } from '../../../../shared/src/format/dates.js'
import { type GroupBalanceRow, percent } from '../../../../shared/src/schema/balance.js'
import type { Language } from '../../../../shared/src/schema/language.js'
import { mediationMarkdown } from '../mediation-and-agreements/mediation-minutes.js'
import { escapeMarkdown as escaped } from '../plans-and-versions/plan-content/markdown.js'
import { type AgendaChange, agendaChangeLine } from './agenda-changes.js'
import type { Minutes } from './minutes.js'
import { pollMarkdown } from './poll-minutes.js'

/** Server-made text names no reader's time zone: UTC, said once at the top. */
const utc = { timeZone: 'UTC' }

type Label = ReturnType<typeof artefactWords>['minutes']

/** ", by phone, recorded by Fasilitator" for what was recorded on someone's behalf. */
const onBehalf = (
  label: Label,
  said: { channel?: keyof Label['channel'] | null; recordedBy?: { name: string } | null },
): string =>
  said.channel && said.recordedBy
    ? `, ${label.recordedBy(label.channel[said.channel], escaped(said.recordedBy.name))}`
    : ''

/** Each group's share of the people who attended beside its share of each kind of voice. */
const balanceMarkdown = (
  rows: readonly GroupBalanceRow[],
  label: Label,
  groupName: (group: string) => string,
): string[] => {
  const cell = ({ value, share }: { value: number; share: number }) =>
    `${value} (${percent(share)} %)`
  const lines = [
    `## ${label.balance}`,
    '',
    `| ${label.balanceColumns.join(' | ')} |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const row of rows) {
    const { measures: m } = row
    const seconds = Math.round(m.speakingMs.value / 1000)
    const speaking = `${Math.floor(seconds / 60)} ${label.min} ${seconds % 60} s (${percent(m.speakingMs.share)} %)`
    lines.push(
      `| ${groupName(row.group)} | ${row.present} (${percent(row.presentShare)} %) | ${speaking} | ${cell(m.turns)} | ${cell(m.positions)} | ${cell(m.proposals)} | ${cell(m.comments)} | ${cell(m.ideas)} | ${cell(m.edits)} |`,
    )
  }
  return lines
}

/**
 * The minutes as Markdown, in the workspace's language: readable labels ("Agree with concerns",
 * not `agree_with_concerns`), default stage names translated, dates and times through the one
 * formatter per language. Text written by participants is escaped.
 */
export const minutesMarkdown = (minutes: Minutes, language: Language = 'en'): string => {
  const words = artefactWords(language)
  const label = words.minutes
  const time = (iso: string | null) => (iso ? formatTime(iso, language, utc) : '—')
  const groupName = (group: string) => (words.group as Record<string, string>)[group] ?? group
  const stage = (title: string) => escaped(stageName(language, title))
  const lines = [
    `# ${label.title}: ${escaped(minutes.session.title)}`,
    '',
    `${label.kind}: ${words.kind[minutes.session.kind]}`,
    '',
    `${label.date}: ${formatDate(minutes.session.createdAt, language, utc)}. ${label.timesIn}`,
    '',
    `## ${label.agenda}`,
    '',
    `| ${label.agendaColumns.join(' | ')} |`,
    '| --- | ---: | ---: | ---: | ---: |',
  ]
  for (const item of minutes.agenda) {
    const actual = item.actualMinutes === null ? '—' : `${item.actualMinutes} ${label.min}`
    lines.push(
      `| ${stage(item.title)} | ${item.plannedMinutes} ${label.min} | ${time(item.startedAt)} | ${time(item.endedAt)} | ${actual} |`,
    )
  }
  if (minutes.agendaChanges.length > 0) {
    lines.push('', `### ${label.agendaChanges}`, '')
    for (const change of minutes.agendaChanges) {
      const named: AgendaChange = {
        ...change,
        title: stageName(language, change.title),
        ...(change.newTitle ? { newTitle: stageName(language, change.newTitle) } : {}),
      }
      lines.push(`- ${time(change.at)} ${agendaChangeLine(named, label.change)}`)
    }
  }
  lines.push('', `## ${label.attendance}`, '')
  const neutral = new Set(minutes.neutral ?? [])
  for (const [group, names] of Object.entries(minutes.attendance)) {
    const listed = (names ?? []).map((name) =>
      neutral.has(name) ? `${escaped(name)} (${label.neutral})` : escaped(name),
    )
    lines.push(`- ${groupName(group)}: ${listed.join(', ')}`)
  }
  lines.push('', `## ${label.speaking}`, '')
  for (const [group, seconds] of Object.entries(minutes.speakingSecondsByGroup)) {
    lines.push(`- ${groupName(group)}: ${Math.floor(seconds / 60)} ${label.min} ${seconds % 60} s`)
  }
  lines.push('', ...balanceMarkdown(minutes.balance, label, groupName))
  if (minutes.contributions.length > 0) {
    lines.push('', `## ${label.contributions}`, '')
    for (const said of minutes.contributions) {
      lines.push(
        `- ${label.contributionKind[said.kind]}: ${escaped(said.name)} (${groupName(said.group)}${onBehalf(label, said)}): ${escaped(said.text)}`,
      )
    }
  }
  lines.push('', `## ${label.proposals}`, '')
  for (const proposal of minutes.proposals) {
    lines.push(`### ${escaped(proposal.title)}`, '', escaped(proposal.text), '')
    const outcome = proposal.withdrawn
      ? label.withdrawn
      : proposal.outcome
        ? words.outcome[proposal.outcome]
        : label.notClosed
    lines.push(`${label.outcome}: ${outcome}`, '')
    for (const position of proposal.positions) {
      const reason = position.reason ? ` — ${escaped(position.reason)}` : ''
      lines.push(
        `- ${escaped(position.name)} (${groupName(position.group)}${onBehalf(label, position)}): ${words.position[position.value]}${reason}`,
      )
    }
    lines.push('')
  }
  lines.push(`## ${label.decisions}`, '')
  for (const decision of minutes.decisions) {
    const approved =
      decision.versionId && decision.contentHash
        ? `; ${label.approvedVersion(decision.versionId, decision.contentHash)}`
        : ''
    const over = decision.adoptedOver
    const confirmed = over ? ` ${label.adoptedOver(over.blocks, over.objections)}` : ''
    lines.push(
      `- #${decision.sequence} ${escaped(decision.title)}: ${words.outcome[decision.outcome]}${confirmed} (sha256 ${decision.hash}${approved})`,
    )
    if (decision.passage) {
      lines.push(`  - ${label.clause(decision.passage.textHash)}:`)
      for (const line of decision.passage.text.split('\n')) lines.push(`    > ${escaped(line)}`)
    }
    const suggested = decision.suggestion
    if (suggested) {
      const { tally } = suggested
      const quorum = suggested.quorum === null ? '' : `, ${label.quorum} ${suggested.quorum}`
      lines.push(
        `  - ${label.ruleLine}: ${words.rule[suggested.rule]}${quorum}; ${label.suggested} ${words.outcome[suggested.outcome]} (${words.basis[suggested.basis]}); ${label.tally(tally)}; ${label.responded(tally.responded, tally.present)}`,
      )
    }
    for (const entry of decision.dissent ?? []) {
      const reason = entry.reason ? ` — ${escaped(entry.reason)}` : ''
      lines.push(
        `  - ${words.position[entry.value]}: ${escaped(entry.name)} (${groupName(entry.group)})${reason}`,
      )
    }
  }
  if (minutes.polls?.length) lines.push('', ...pollMarkdown(minutes.polls, label, groupName))
  if (minutes.mediation) {
    const at = (iso: string | null) => (iso ? formatDateTime(iso, language, utc) : '—')
    lines.push('', ...mediationMarkdown(minutes.mediation, words, at))
  }
  return `${lines.join('\n')}\n`
}
