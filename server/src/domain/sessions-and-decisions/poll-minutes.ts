import type { ArtefactWords } from '../../../../shared/src/artefacts/words.js'
import type { PollView } from '../../../../shared/src/schema/poll.js'
import { escapeMarkdown as escaped } from '../plans-and-versions/plan-content/markdown.js'

/**
 * The polls of a session in its minutes, as everyone could see them: the minutes are read by
 * every member, so a poll still hiding its counts (or an anonymous one, or one withholding small
 * groups) shows no more here than in the room.
 */
export const pollMarkdown = (
  polls: readonly PollView[],
  label: ArtefactWords['minutes'],
  groupName: (group: string) => string,
): string[] => {
  if (polls.length === 0) return []
  const lines = [`## ${label.polls}`, '']
  for (const poll of polls) {
    const how = [
      label.pollKind[poll.kind],
      poll.anonymous ? label.anonymous : null,
      label.pollStatus[poll.status] ?? poll.status,
    ].filter(Boolean)
    lines.push(
      `### ${escaped(poll.title)}`,
      '',
      `${how.join(', ')}; ${label.pollResponded(poll.responded)}`,
      '',
    )
    const { results } = poll
    if (!results) {
      lines.push(poll.status === 'closed' ? label.countsWithheld : label.countsNotShown, '')
      continue
    }
    poll.options.forEach((option, index) => {
      lines.push(`- ${escaped(option)}: ${results.totals[index] ?? 0}`)
    })
    for (const group of results.byGroup) {
      const totals = group.totals.join(' / ')
      lines.push(`  - ${groupName(group.group)} (${group.people}): ${totals}`)
    }
    if (results.withheld > 0) lines.push(`  - ${label.withheldAnswers(results.withheld)}`)
    lines.push('')
  }
  return lines
}
