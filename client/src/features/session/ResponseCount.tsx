import { isNeutral } from '../../../../shared/src/schema/neutral.js'
import { presentNow, type SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { mayRespond } from './session-roles.js'

/**
 * "N of M present have responded" on the open proposal, live; runners also see who has not, so
 * they can invite them before closing. Present means attending and allowed to take a position
 * (attendees from before roles were kept count as such).
 */
export const ResponseCount = ({
  live,
  proposal,
  canRun,
}: {
  live: SessionState
  proposal: NonNullable<SessionState['proposal']>
  canRun: boolean
}) => {
  const t = useT()
  // Present now: someone who closed their page is no longer expected to respond.
  const expected = mayRespond(live.attendance.filter(presentNow))
  // While results are hidden the room carries who responded, not how.
  const responded = new Set(
    proposal.hidden
      ? (proposal.respondedIds ?? [])
      : proposal.positions.map((position) => position.participantId),
  )
  const waiting = expected.filter((person) => !responded.has(person.participantId))
  // Anonymous: the server counts who responded among those present; nobody learns who. The
  // neutral team takes no anonymous position, so nobody waits for them.
  const anonymous = proposal.anonymousView
  if (anonymous) {
    const counted = expected.filter((person) => !isNeutral(live, person.participantId))
    return (
      <div className="response-count" data-testid="response-count">
        <p role="status">
          {t('session.responded', {
            count: Math.min(anonymous.respondedPresent, counted.length),
            present: counted.length,
          })}
        </p>
      </div>
    )
  }
  return (
    <div className="response-count" data-testid="response-count">
      <p role="status">
        {t('session.responded', {
          count: expected.length - waiting.length,
          present: expected.length,
        })}
      </p>
      {canRun && waiting.length > 0 ? (
        <p className="muted">
          {t('session.notResponded')}{' '}
          <span data-testid="not-responded">{waiting.map((person) => person.name).join(', ')}</span>
        </p>
      ) : null}
    </div>
  )
}
