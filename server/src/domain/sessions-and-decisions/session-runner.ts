import type { Participant } from '../../../../shared/src/schema/people.js'
import type { Session, SessionCommand } from '../../../../shared/src/schema/session.js'
import { facilitationTeam, runsSession } from '../../../../shared/src/schema/session-runner.js'
import { forbidden } from '../people-and-access/access-rule.js'
import { commandRoles } from './session-machine.js'

export { facilitationTeam }

/**
 * A command only the facilitation team may give: a control of the session, not taking part. A
 * position or contribution recorded on behalf of someone else is one too: else a facilitator who
 * represents a party would speak for the other side.
 */
const isControl = (command: SessionCommand): boolean =>
  commandRoles[command.type].every((role) => facilitationTeam.includes(role)) ||
  ('onBehalf' in command && command.onBehalf !== undefined)

/**
 * In a mediation only its mediator runs the controls: a facilitator of the workspace (who may
 * represent a party) is refused with `mediator_runs_session`. Taking part stays open to all.
 */
export const checkRunner = (
  session: Session,
  actor: Participant,
  command: SessionCommand,
): void => {
  if (isControl(command) && !runsSession(session, actor)) {
    throw forbidden(
      'mediator_runs_session',
      'only the mediator of this mediation runs its session',
      actor.role,
    )
  }
}
