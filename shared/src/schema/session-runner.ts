import type { Participant, Role } from './people.js'
import type { Session } from './session.js'

/** The facilitation team: who may run sessions, and who may be marked neutral in one. */
export const facilitationTeam: readonly Role[] = ['facilitator', 'mediator']

/**
 * Who runs a session's controls (agenda, stages, timer, floor, proposals, neutral marks, end): in
 * a workshop the facilitation team; in a mediation only its mediator, while still a mediator, so
 * a facilitator who represents a party never steers the mediation. Client and server ask this.
 */
export const runsSession = (
  session: Pick<Session, 'kind' | 'createdBy'>,
  participant: Pick<Participant, 'id' | 'role'>,
): boolean =>
  session.kind === 'mediation'
    ? participant.id === session.createdBy && participant.role === 'mediator'
    : facilitationTeam.includes(participant.role)
