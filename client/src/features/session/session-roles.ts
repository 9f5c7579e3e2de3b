import type { Role } from '../../../../shared/src/schema/people.js'

/** Facilitators and mediators run a session: stages, timer, floor, proposals, end. */
export const runsSessions = (role: Role): boolean => role === 'facilitator' || role === 'mediator'

/** Everyone but observers raises hands and takes positions. */
export const takesPart = (role: Role): boolean => role !== 'observer'

/** Attendees who may take a position (those from states without roles count, as they did). */
export const mayRespond = <T extends { role?: Role | undefined }>(attendance: readonly T[]): T[] =>
  attendance.filter((person) => !person.role || takesPart(person.role))
