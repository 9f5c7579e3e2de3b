import { z } from 'zod'
import { StakeholderGroup } from './people.js'
import { stakeholderGroups } from './stakeholder-groups.js'

/**
 * How something said by a person who is not online reached the room: written on paper, phoned
 * in, or said in the room by someone without a device. Whoever recorded it is kept beside it.
 */
export const Channel = z.enum(['paper', 'phone', 'in_person'])
export type Channel = z.infer<typeof Channel>

/** Counts per stakeholder group (a group nobody of counted is absent). */
export const GroupCounts = z.record(z.string(), z.number())
export type GroupCounts = z.infer<typeof GroupCounts>

/** Plan text written and deleted during a session, in characters, by the writer's group then. */
export const EditCounts = z.object({ added: GroupCounts, removed: GroupCounts })
export type EditCounts = z.infer<typeof EditCounts>

/**
 * What the balance of voice measures, in the order it is shown: time and turns on the floor,
 * positions (a person's latest, once per proposal), proposals opened, comments and ideas said in
 * the session, and plan text edited (characters added plus removed).
 */
export const balanceMeasures = [
  'speakingMs',
  'turns',
  'positions',
  'proposals',
  'comments',
  'ideas',
  'edits',
] as const
export type BalanceMeasure = (typeof balanceMeasures)[number]

/** The numbers a balance is computed from: everything counted, and who is present. */
export const BalanceInput = z.object({
  counts: z.object({
    speakingMs: GroupCounts,
    turns: GroupCounts,
    positions: GroupCounts,
    proposals: GroupCounts,
    comments: GroupCounts,
    ideas: GroupCounts,
  }),
  edits: EditCounts,
  /** The groups of the people present, one entry a person. */
  present: z.array(StakeholderGroup),
})
export type BalanceInput = z.infer<typeof BalanceInput>

export interface MeasureShare {
  value: number
  /** Of the measure's total over every group, 0 to 1 (0 when nothing is counted yet). */
  share: number
}

export interface GroupBalanceRow {
  group: StakeholderGroup
  /** People of the group present now. */
  present: number
  /** Their share of everyone present now, 0 to 1. */
  presentShare: number
  measures: Record<BalanceMeasure, MeasureShare>
}

/** A group present in the room whose share of one measure is far below its share of people. */
export interface UnderHeard {
  group: StakeholderGroup
  measure: BalanceMeasure
  presentShare: number
  share: number
}

const addCounts = (into: GroupCounts, from: GroupCounts): GroupCounts => {
  const total = { ...into }
  for (const [group, value] of Object.entries(from)) total[group] = (total[group] ?? 0) + value
  return total
}

const sum = (counts: GroupCounts): number => Object.values(counts).reduce((a, b) => a + b, 0)

const editCounts = (edits: EditCounts): GroupCounts => addCounts(edits.added, edits.removed)

/**
 * The balance of voice per group, every measure against the group's share of the people present
 * now: one row per group present or counted, in the groups' fixed order. Pure, so the session
 * page, the minutes and the workspace view compute it alike.
 */
export const voiceBalance = (input: BalanceInput): GroupBalanceRow[] => {
  const all: Record<BalanceMeasure, GroupCounts> = {
    ...input.counts,
    edits: editCounts(input.edits),
  }
  const totals = Object.fromEntries(
    balanceMeasures.map((measure) => [measure, sum(all[measure])]),
  ) as Record<BalanceMeasure, number>
  const presentBy: GroupCounts = {}
  for (const group of input.present) presentBy[group] = (presentBy[group] ?? 0) + 1
  const counted = (group: StakeholderGroup) =>
    (presentBy[group] ?? 0) > 0 || balanceMeasures.some((measure) => (all[measure][group] ?? 0) > 0)
  return stakeholderGroups.filter(counted).map((group) => {
    const present = presentBy[group] ?? 0
    const measures = Object.fromEntries(
      balanceMeasures.map((measure) => {
        const value = all[measure][group] ?? 0
        const total = totals[measure]
        return [measure, { value, share: total > 0 ? value / total : 0 }]
      }),
    ) as Record<BalanceMeasure, MeasureShare>
    return {
      group,
      present,
      presentShare: input.present.length > 0 ? present / input.present.length : 0,
      measures,
    }
  })
}

/**
 * The gentle prompt's facts: for each group present, the measure where its voice falls furthest
 * below its share of the people here — less than half of that share, on a measure something has
 * been counted on. On a tie, speaking time comes first: it is what a facilitator can act on now.
 */
export const underHeard = (rows: readonly GroupBalanceRow[]): UnderHeard[] => {
  const found: UnderHeard[] = []
  for (const row of rows) {
    if (row.present === 0) continue
    let worst: UnderHeard | undefined
    for (const measure of balanceMeasures) {
      const { share } = row.measures[measure]
      const total = rows.reduce((all, other) => all + other.measures[measure].value, 0)
      if (total === 0 || share >= row.presentShare / 2) continue
      const gap = share / row.presentShare
      if (!worst || gap < worst.share / worst.presentShare) {
        worst = { group: row.group, measure, presentShare: row.presentShare, share }
      }
    }
    if (worst) found.push(worst)
  }
  return found
}

/** A share as a whole percentage, as the prompt says it ("30 %"). */
export const percent = (share: number): number => Math.round(share * 100)

/** Several sessions' balances as one: counts added up, and every attendance of each. */
export const sumBalanceInputs = (inputs: readonly BalanceInput[]): BalanceInput =>
  inputs.reduce<BalanceInput>(
    (total, input) => ({
      counts: {
        speakingMs: addCounts(total.counts.speakingMs, input.counts.speakingMs),
        turns: addCounts(total.counts.turns, input.counts.turns),
        positions: addCounts(total.counts.positions, input.counts.positions),
        proposals: addCounts(total.counts.proposals, input.counts.proposals),
        comments: addCounts(total.counts.comments, input.counts.comments),
        ideas: addCounts(total.counts.ideas, input.counts.ideas),
      },
      edits: {
        added: addCounts(total.edits.added, input.edits.added),
        removed: addCounts(total.edits.removed, input.edits.removed),
      },
      present: [...total.present, ...input.present],
    }),
    {
      counts: { speakingMs: {}, turns: {}, positions: {}, proposals: {}, comments: {}, ideas: {} },
      edits: { added: {}, removed: {} },
      present: [],
    },
  )
