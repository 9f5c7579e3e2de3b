import type { SessionState } from './session.js'

/**
 * Whether someone on the facilitation team is marked neutral in a session: balance and tallies
 * (speaking time, turns, positions, decision tallies) leave them out. Code that counts reads this.
 */
export const isNeutral = (state: Pick<SessionState, 'neutral'>, participantId: string): boolean =>
  (state.neutral ?? []).includes(participantId)

/** The positions that count in a tally: everyone's but the neutral facilitation team's. */
export const countedPositions = <T extends { participantId: string }>(
  state: Pick<SessionState, 'neutral'>,
  positions: readonly T[],
): T[] => positions.filter((position) => !isNeutral(state, position.participantId))
