import type { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import type {
  PollAnswer,
  PollResults,
  PollRule,
  PollSpec,
  PollView,
  StoredPoll,
} from '../../../../shared/src/schema/poll.js'
import { DomainError } from '../domain-error.js'

/** A poll command that does not fit the poll: 409 with the rule it broke. */
export const refusePoll = (rule: PollRule, message: string): never => {
  throw new DomainError('conflict', message, { rule })
}

/** A spec whose options fit its kind: ideas are collected for dot-voting only, options given otherwise. */
export const checkSpec = (spec: PollSpec): void => {
  if (spec.collectIdeas) {
    if (spec.kind !== 'dots') refusePoll('poll_shape', 'only a dot-vote collects ideas')
    if (spec.options.length > 0)
      refusePoll('poll_shape', 'a poll collecting ideas starts without options')
    return
  }
  if (spec.options.length < 2) refusePoll('poll_shape', 'a poll needs at least two options')
  if (new Set(spec.options).size !== spec.options.length) {
    refusePoll('poll_shape', 'each option must differ from the others')
  }
}

const mismatch = (message: string): never => refusePoll('answer_mismatch', message)

/** The answer, if it fits the poll's kind and options (and a dot-vote's budget). */
export const checkAnswer = (spec: PollSpec, options: number, answer: PollAnswer): PollAnswer => {
  const eachOption = (values: readonly number[]) => {
    if (values.length !== options) mismatch(`give one value for each of the ${options} options`)
  }
  switch (spec.kind) {
    case 'single':
      if (!('choice' in answer)) return mismatch('this poll takes one choice')
      if (answer.choice >= options) mismatch('the poll has no such option')
      return answer
    case 'score':
      if (!('scores' in answer)) return mismatch('this poll takes a score for each option')
      eachOption(answer.scores)
      if (answer.scores.some((score) => score < 1 || score > spec.scoreMax)) {
        mismatch(`scores go from 1 to ${spec.scoreMax}`)
      }
      return answer
    case 'ranked': {
      if (!('ranking' in answer)) return mismatch('this poll takes a ranking of the options')
      eachOption(answer.ranking)
      const ranked = new Set(answer.ranking)
      if (ranked.size !== options || answer.ranking.some((index) => index >= options)) {
        mismatch('rank every option once')
      }
      return answer
    }
    case 'dots': {
      if (!('dots' in answer)) return mismatch('this poll takes dots on the options')
      eachOption(answer.dots)
      const spent = answer.dots.reduce((sum, dots) => sum + dots, 0)
      if (spent < 1 || spent > spec.dots) mismatch(`place from 1 to ${spec.dots} dots`)
      return answer
    }
    default: {
      const unhandled: never = spec.kind
      throw new Error(`unhandled poll kind ${String(unhandled)}`)
    }
  }
}

/** What one answer adds to each option's total (see `PollResults.totals`). */
const points = (options: number, answer: PollAnswer): number[] => {
  if ('choice' in answer)
    return Array.from({ length: options }, (_, i) => (i === answer.choice ? 1 : 0))
  if ('scores' in answer) return answer.scores
  if ('dots' in answer) return answer.dots
  const scores = new Array<number>(options).fill(0)
  answer.ranking.forEach((option, place) => {
    scores[option] = options - 1 - place
  })
  return scores
}

const sum = (rows: readonly number[][], options: number): number[] =>
  rows.reduce(
    (totals, row) => totals.map((total, i) => total + (row[i] ?? 0)),
    new Array<number>(options).fill(0),
  )

export interface CountedAnswer {
  group: StakeholderGroup
  answer: PollAnswer
  /** Named polls only. */
  participantId?: string
  name?: string
}

/**
 * Totals overall and by group. In an anonymous poll a group with fewer than `threshold` people
 * answering shows no counts, and neither does the next smallest while the withheld people number
 * fewer than `threshold` (else the total minus the groups shown would give the one withheld).
 */
export const tallyPoll = (
  spec: PollSpec,
  options: number,
  answers: readonly CountedAnswer[],
): PollResults => {
  const byGroup = new Map<StakeholderGroup, number[][]>()
  for (const { group, answer } of answers) {
    byGroup.set(group, [...(byGroup.get(group) ?? []), points(options, answer)])
  }
  let groups = [...byGroup.entries()]
    .map(([group, rows]) => ({ group, people: rows.length, totals: sum(rows, options) }))
    .sort((a, b) => a.people - b.people || a.group.localeCompare(b.group))
  let withheld = 0
  if (spec.anonymous) {
    while (groups.length > 0) {
      const smallest = groups[0]
      if (!smallest) break
      const mustHide =
        smallest.people < spec.threshold || (withheld > 0 && withheld < spec.threshold)
      if (!mustHide) break
      withheld += smallest.people
      groups = groups.slice(1)
    }
  }
  const named = answers.flatMap(({ participantId, name, group, answer }) =>
    participantId !== undefined && name !== undefined
      ? [{ participantId, name, group, answer }]
      : [],
  )
  return {
    totals: sum(
      answers.map(({ answer }) => points(options, answer)),
      options,
    ),
    byGroup: groups.sort((a, b) => a.group.localeCompare(b.group)),
    withheld,
    ...(spec.anonymous ? {} : { answers: named }),
  }
}

/** What everyone sees of a poll in the session room. */
export const pollView = (
  poll: StoredPoll,
  options: readonly string[],
  ideas: number,
  answers: readonly CountedAnswer[],
): PollView => {
  const { spec } = poll
  // Anonymous counts moving live would show anyone watching what the person who just answered
  // chose: they show at close only.
  const hidden = (spec.hideResults || spec.anonymous) && poll.status !== 'closed'
  const tooFew = spec.anonymous && answers.length < spec.threshold
  return {
    id: poll.id,
    title: spec.title,
    kind: spec.kind,
    options: [...options],
    anonymous: spec.anonymous,
    hideResults: spec.hideResults,
    collectIdeas: spec.collectIdeas,
    scoreMax: spec.scoreMax,
    dots: spec.dots,
    threshold: spec.threshold,
    status: poll.status,
    createdAt: poll.createdAt,
    ideas,
    responded: answers.length,
    results:
      hidden || tooFew || poll.status === 'collecting'
        ? null
        : tallyPoll(spec, options.length, answers),
  }
}
