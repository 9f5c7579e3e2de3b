import type { Role } from '../../../../shared/src/schema/people.js'
import type { MessageKey } from '../../app/i18n/en.js'

/**
 * The label a role shows on its own (a tag, a menu, a heading), capitalised. Inside a sentence
 * the lower-case `role.*` words are used instead.
 */
export const roleLabel: Record<Role, MessageKey> = {
  facilitator: 'roleLabel.facilitator',
  mediator: 'roleLabel.mediator',
  stakeholder: 'roleLabel.stakeholder',
  commenter: 'roleLabel.commenter',
  observer: 'roleLabel.observer',
}
