import type { SessionEvent, SessionState } from '../../../../shared/src/schema/session.js'

/**
 * Results hidden until close: while the open proposal hides them, what any reader gets — the
 * session room, the API's state, its events and minutes — carries who has responded but no
 * position. The stored state and events keep them, so the close decides on them all.
 */
export const shownState = (state: SessionState): SessionState => {
  const proposal = state.proposal
  if (!proposal?.hidden) return state
  return {
    ...state,
    proposal: {
      ...proposal,
      positions: [],
      respondedIds: proposal.positions.map((position) => position.participantId),
    },
  }
}

/** The events without the positions taken on the open proposal while it hides them. */
export const shownEvents = (
  events: readonly SessionEvent[],
  state: SessionState,
): SessionEvent[] => {
  const proposal = state.proposal
  if (!proposal?.hidden) return [...events]
  const opened = events.findIndex(
    (event) => event.command.type === 'proposal.open' && event.createdId === proposal.id,
  )
  return events.filter((event, index) => index < opened || event.command.type !== 'position.take')
}
