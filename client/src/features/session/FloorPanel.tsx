import type { SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { GroupBadge } from '../people/GroupBadge.js'
import { HandButton } from './HandButton.js'
import { useCommand } from './use-command.js'

/** Who speaks, who waits; raise or lower my hand; runners give the floor and end turns. */
export const FloorPanel = ({
  sessionId,
  live,
  myId,
  canRun,
  canTakePart,
}: {
  sessionId: string
  live: SessionState
  myId: string
  canRun: boolean
  canTakePart: boolean
}) => {
  const t = useT()
  const { run, busy, error } = useCommand(sessionId)
  const running = live.status === 'running'
  const place = live.queue.findIndex((hand) => hand.participantId === myId) + 1
  const speaking = live.speaker?.participantId === myId
  return (
    <Section title={t('session.floor')}>
      <div className="floor__speaker" data-testid="speaker">
        <h3>{t('session.speaker')}</h3>
        {live.speaker ? (
          <p className="floor__name">
            <strong>{live.speaker.name}</strong> <GroupBadge group={live.speaker.group} />
          </p>
        ) : (
          <p className="muted">{t('session.nobodySpeaking')}</p>
        )}
        {canRun && running && live.speaker ? (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void run({ type: 'floor.end' })}
          >
            {t('session.endTurn')}
          </button>
        ) : null}
      </div>

      {canTakePart && running ? (
        <div className="floor__me">
          {speaking ? <p>{t('session.youSpeak')}</p> : null}
          {place > 0 ? <p>{t('session.handRaised', { place })}</p> : null}
          <HandButton sessionId={sessionId} live={live} myId={myId} />
        </div>
      ) : null}

      <h3>{t('session.queue')}</h3>
      {live.queue.length === 0 ? <p className="muted">{t('session.queueEmpty')}</p> : null}
      <ol className="queue" data-testid="queue">
        {live.queue.map((hand) => (
          <li key={hand.participantId} className="queue__item">
            <span>
              {hand.name} <GroupBadge group={hand.group} />
            </span>
            {canRun && running ? (
              <button
                type="button"
                className="button button--small"
                disabled={busy}
                aria-label={t('session.giveNamed', { name: hand.name })}
                onClick={() => void run({ type: 'floor.give', participantId: hand.participantId })}
              >
                {t('session.give')}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {canRun && running ? (
        <button
          type="button"
          className="button"
          disabled={busy || live.queue.length === 0}
          onClick={() => void run({ type: 'floor.next' })}
        >
          {t('session.next')}
        </button>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
    </Section>
  )
}
