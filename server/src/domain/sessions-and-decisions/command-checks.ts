import type { Participant, Role } from '../../../../shared/src/schema/people.js'
import type { EventActor, SessionCommand } from '../../../../shared/src/schema/session.js'
import { DomainError } from '../domain-error.js'
import { forbidden } from '../people-and-access/access-rule.js'
import type { Stores } from '../ports.js'
import { refusePassage } from './clause-passages.js'
import { commandRoles } from './session-machine.js'
import { refuseSession } from './session-rule.js'
import { facilitationTeam } from './session-runner.js'

/* What a session command is refused for before it reaches the state machine. */

/** Who records what someone not online said: whoever runs sessions (there is no note-taker role). */
const recorders: readonly Role[] = ['facilitator', 'mediator']

/** Refuses a command the actor's role may not send, or may not send for someone else. */
export const checkRole = (actor: Participant, command: SessionCommand): void => {
  const allowed = commandRoles[command.type]
  if (!allowed.includes(actor.role)) {
    throw forbidden('role_not_allowed', `a ${actor.role} may not ${command.type}`, actor.role)
  }
  if ('onBehalf' in command && command.onBehalf && !recorders.includes(actor.role)) {
    throw forbidden(
      'not_recorder',
      'only a facilitator or mediator records for someone else',
      actor.role,
    )
  }
}

/**
 * Refuses a command naming what it cannot: a passage without its plan, a neutral mark for
 * someone off the facilitation team.
 */
export const checkTargets = async (
  stores: Stores,
  actor: Participant,
  command: SessionCommand,
): Promise<void> => {
  if (command.type === 'proposal.open' && command.passage && !command.documentId) {
    refusePassage('passage_without_plan')
  }
  if (command.type === 'neutral.set' && command.neutral) {
    const marked = await stores.workspaces.findParticipant(actor.workspaceId, command.participantId)
    if (!marked || !facilitationTeam.includes(marked.role)) {
      refuseSession('not_facilitation_team', 'only the facilitation team can be marked neutral')
    }
  }
}

/** The participant a command is recorded for, as they are now: one who may respond. */
export const commandSubject = async (
  stores: Stores,
  workspaceId: string,
  participantId: string,
): Promise<EventActor> => {
  const person = await stores.workspaces.findParticipant(workspaceId, participantId)
  if (!person || !commandRoles['position.take'].includes(person.role)) {
    throw new DomainError('conflict', 'no such participant who may respond', {
      rule: 'not_a_participant',
    })
  }
  return {
    participantId: person.id,
    name: person.displayName,
    group: person.group,
    role: person.role,
  }
}
