import type { PollView } from '../../../shared/src/schema/poll.js'
import { escapeMarkdown as escaped } from './plan-content/markdown.js'

/**
 * The polls of a session in its minutes, as everyone could see them: the minutes are read by
 * every member, so a poll still hiding its counts (or an anonymous one, or one withholding small
 * groups) shows no more here than in the room.
 */
export const pollMarkdown = (polls: readonly PollView[]): string[] => {
  if (polls.length === 0) return []
  const lines = ['## Polls', '']
  for (const poll of polls) {
    const how = [poll.kind, poll.anonymous ? 'anonymous' : null, poll.status].filter(Boolean)
    lines.push(
      `### ${escaped(poll.title)}`,
      '',
      `${how.join(', ')}; ${poll.responded} responded`,
      '',
    )
    const { results } = poll
    if (!results) {
      lines.push(
        poll.status === 'closed' ? 'Counts withheld: too few answers.' : 'Counts not shown yet.',
        '',
      )
      continue
    }
    poll.options.forEach((option, index) => {
      lines.push(`- ${escaped(option)}: ${results.totals[index] ?? 0}`)
    })
    for (const group of results.byGroup) {
      const totals = group.totals.join(' / ')
      lines.push(`  - ${group.group} (${group.people}): ${totals}`)
    }
    if (results.withheld > 0) lines.push(`  - withheld (small groups): ${results.withheld} answers`)
    lines.push('')
  }
  return lines
}
