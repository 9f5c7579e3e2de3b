import { isNeutral } from '../../../../shared/src/schema/neutral.js'
import type { SessionState } from '../../../../shared/src/schema/session.js'
import { facilitationTeam } from '../../../../shared/src/schema/session-runner.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { useCommand } from './use-command.js'

/**
 * For whoever runs the session: mark people of the facilitation team who are present neutral,
 * so their speaking, turns and positions stay out of the balance and the tallies.
 */
export const NeutralPanel = ({ sessionId, live }: { sessionId: string; live: SessionState }) => {
  const t = useT()
  const { run, busy, error } = useCommand(sessionId)
  const team = live.attendance.filter(
    (person) => person.role !== undefined && facilitationTeam.includes(person.role),
  )
  if (team.length === 0) return null
  return (
    <Section title={t('session.neutral')}>
      <p className="small muted">{t('session.neutralHint')}</p>
      <ul className="neutral-marks" data-testid="neutral-marks">
        {team.map((person) => (
          <li key={person.participantId}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={isNeutral(live, person.participantId)}
                disabled={busy || live.status === 'ended'}
                aria-label={t('session.markNeutral', { name: person.name })}
                onChange={(event) =>
                  run({
                    type: 'neutral.set',
                    participantId: person.participantId,
                    neutral: event.target.checked,
                  })
                }
              />{' '}
              {person.name}
            </label>
          </li>
        ))}
      </ul>
      {error ? <Notice tone="error">{error}</Notice> : null}
    </Section>
  )
}
