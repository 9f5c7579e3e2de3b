import type { SessionRule } from '../../../../shared/src/schema/session.js'
import { DomainError } from '../domain-error.js'

/** A session command that does not fit the state: 409 with the rule it broke. */
export const refuseSession = (rule: SessionRule, message: string, extra?: object): never => {
  throw new DomainError('conflict', message, { rule, ...extra })
}
