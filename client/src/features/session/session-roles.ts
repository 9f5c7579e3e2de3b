import type { Role } from '../../../../shared/src/schema/people.js'

/** Facilitators and mediators run a session: stages, timer, floor, proposals, end. */
export const runsSessions = (role: Role): boolean => role === 'facilitator' || role === 'mediator'

/** Everyone but observers raises hands and takes positions. */
export const takesPart = (role: Role): boolean => role !== 'observer'
