import { z } from 'zod'
import { StakeholderGroup } from './people.js'
import { dissentingPositions, Position } from './position.js'

/*
 * Anonymous positions on a proposal: the room, the API, the minutes and the decision record show
 * how many took each position (by group only where enough did), never who took which.
 */

const Counts = z.record(Position, z.number().int())

export const AnonymousTally = z.object({
  /** Per position, everyone counted (the neutral facilitation team never is). */
  totals: Counts,
  /** Per group: only groups with at least `threshold` people responding (see `tallyPoll`). */
  byGroup: z.array(z.object({ group: StakeholderGroup, people: z.number().int(), counts: Counts })),
  /** People whose group's counts are withheld. */
  withheld: z.number().int(),
  /** The reasons given for each Object and Block, without names, in no order of arrival. */
  reasons: z.array(z.object({ value: z.enum(dissentingPositions), reason: z.string() })),
})
export type AnonymousTally = z.infer<typeof AnonymousTally>

/** What readers get of an anonymous proposal instead of its positions. */
export const AnonymousView = z.object({
  /** How many of the people present now (who may respond) have taken a position. */
  respondedPresent: z.number().int(),
  /** Everyone who has taken one, present or not. */
  responded: z.number().int(),
  /** Null until the facilitator reveals the results or closes the proposal. */
  tally: AnonymousTally.nullable(),
})
export type AnonymousView = z.infer<typeof AnonymousView>

/**
 * What taking an anonymous position gives back: the receipt that lets its giver change it. At
 * least 24 random bytes (32 base64url characters): a device may make its own, sent with its first
 * position, so that sending that again is no second one.
 */
export const PositionReceipt = z.string().regex(/^[\w-]{32,64}$/)

/** A position on an anonymous proposal as stored: its giver's group, never their id. */
export interface AnonymousPosition {
  group: StakeholderGroup
  value: Position
  reason?: string
}
