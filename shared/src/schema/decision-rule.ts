import { z } from 'zod'
import type { Outcome, Position } from './position.js'

/**
 * How a proposal is decided, chosen when it is opened: `consent` — adopted unless someone blocks;
 * `consensus` — everyone present agrees or stands aside; `majority` — more agree than object or
 * block. Any of them may ask for a quorum: fewer people present than that suggests deferring.
 */
export const DecisionRule = z.enum(['consent', 'consensus', 'majority'])
export type DecisionRule = z.infer<typeof DecisionRule>

/** Why the rule suggests what it does: shown before closing, kept in the decision record. */
export const SuggestionBasis = z.enum([
  'no_positions',
  'no_block',
  'blocked',
  'all_agree',
  'dissent',
  'awaiting',
  'more_agree',
  'not_more_agree',
  'no_quorum',
])
export type SuggestionBasis = z.infer<typeof SuggestionBasis>

export const DecisionTally = z.object({
  /** Agree and agree with concerns. */
  for: z.number().int(),
  /** Object and block. */
  against: z.number().int(),
  standAside: z.number().int(),
  blocks: z.number().int(),
  /** People present who may take a position, and how many of them did. */
  present: z.number().int(),
  responded: z.number().int(),
})
export type DecisionTally = z.infer<typeof DecisionTally>

export const Suggestion = z.object({
  rule: DecisionRule,
  quorum: z.number().int().nullable(),
  outcome: z.enum(['adopted', 'rejected', 'deferred']),
  basis: SuggestionBasis,
  tally: DecisionTally,
})
export type Suggestion = z.infer<typeof Suggestion>

const forValues: readonly Position[] = ['agree', 'agree_with_concerns']
const againstValues: readonly Position[] = ['object', 'block']

/**
 * The outcome a proposal's rule suggests from its positions and the people present (their ids):
 * one function for the page, which shows it before closing, and the server, which records it.
 */
export const suggestOutcome = (
  rule: DecisionRule,
  quorum: number | null,
  positions: readonly { participantId: string; value: Position }[],
  presentIds: readonly string[],
  /** How many present responded, when the positions do not say who (anonymous proposals). */
  respondedPresent?: number,
): Suggestion => {
  const present = new Set(presentIds)
  const count = (values: readonly Position[]) =>
    positions.filter((position) => values.includes(position.value)).length
  const tally: DecisionTally = {
    for: count(forValues),
    against: count(againstValues),
    standAside: count(['stand_aside']),
    blocks: count(['block']),
    present: present.size,
    responded:
      respondedPresent ??
      positions.filter((position) => present.has(position.participantId)).length,
  }
  const suggest = (outcome: Outcome, basis: SuggestionBasis): Suggestion => ({
    rule,
    quorum,
    outcome,
    basis,
    tally,
  })
  if (quorum !== null && tally.present < quorum) {
    return suggest('deferred', 'no_quorum')
  }
  if (positions.length === 0) return suggest('deferred', 'no_positions')
  switch (rule) {
    case 'consent':
      return tally.blocks > 0 ? suggest('rejected', 'blocked') : suggest('adopted', 'no_block')
    case 'consensus':
      if (tally.against > 0) return suggest('rejected', 'dissent')
      return tally.responded < tally.present
        ? suggest('deferred', 'awaiting')
        : suggest('adopted', 'all_agree')
    case 'majority':
      return tally.for > tally.against
        ? suggest('adopted', 'more_agree')
        : suggest('rejected', 'not_more_agree')
    default: {
      const unhandled: never = rule
      throw new Error(`unhandled rule ${String(unhandled)}`)
    }
  }
}
