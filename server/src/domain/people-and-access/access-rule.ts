import type { AccessRule } from '../../../../shared/src/schema/access-rule.js'
import type { Role } from '../../../../shared/src/schema/people.js'
import { DomainError } from '../domain-error.js'

/** Someone the rule does not allow: 403 naming the rule, and the caller's role where it matters. */
export const forbidden = (rule: AccessRule, message: string, role?: Role): DomainError =>
  new DomainError('forbidden', message, role ? { role, rule } : { rule })
