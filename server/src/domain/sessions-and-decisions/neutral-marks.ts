import type { SessionCommand, SessionState } from '../../../../shared/src/schema/session.js'

type NeutralCommand = Extract<SessionCommand, { type: 'neutral.set' }>

/**
 * Marks someone neutral or not; marking twice changes nothing. Who may be marked (the
 * facilitation team) is checked by the caller, which knows their role in the workspace.
 */
export const markNeutral = (state: SessionState, command: NeutralCommand): SessionState => {
  const others = (state.neutral ?? []).filter((id) => id !== command.participantId)
  return { ...state, neutral: command.neutral ? [...others, command.participantId] : others }
}
