import { z } from 'zod'

/** What a person says of a proposal; its own file so the decision rules and sessions share it. */
export const Position = z.enum(['agree', 'agree_with_concerns', 'stand_aside', 'object', 'block'])
export type Position = z.infer<typeof Position>

/**
 * Positions that stand in the way of a proposal: each must say why (`reason_required`), and a
 * proposal is adopted over them only once the facilitator confirms it.
 */
export const dissentingPositions = ['object', 'block'] as const satisfies readonly Position[]
export type DissentingPosition = (typeof dissentingPositions)[number]
export const isDissent = (value: Position): value is DissentingPosition =>
  (dissentingPositions as readonly Position[]).includes(value)

export const Outcome = z.enum(['adopted', 'rejected', 'deferred'])
export type Outcome = z.infer<typeof Outcome>
