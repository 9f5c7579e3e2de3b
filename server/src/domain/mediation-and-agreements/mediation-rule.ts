import type { MediationRule } from '../../../../shared/src/schema/mediation.js'
import { DomainError } from '../domain-error.js'

/** A mediation request that does not fit the state: 409 with the rule it broke. */
export const refuseMediation = (rule: MediationRule, message: string): never => {
  throw new DomainError('conflict', message, { rule })
}
