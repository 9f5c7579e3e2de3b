import type { SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { useCommand } from './use-command.js'
import { formatClock, useCountdown } from './use-countdown.js'

/**
 * The stage timer, counting down from the server's `endsAt`. `role="timer"` is not live: the
 * seconds are never announced (the stage bar announces stage changes).
 */
export const SessionTimer = ({
  sessionId,
  live,
  canRun,
}: {
  sessionId: string
  live: SessionState
  canRun: boolean
}) => {
  const t = useT()
  const left = useCountdown(live.timer)
  const { run, busy, error } = useCommand(sessionId)
  const running = live.timer.running
  const up = running && left <= 0
  return (
    <section className="panel timer" aria-label={t('session.timer')}>
      <h2 className="visually-hidden">{t('session.timer')}</h2>
      <div className="timer__face">
        <span
          className={`timer__clock${up ? ' timer__clock--up' : ''}`}
          role="timer"
          aria-label={t('session.timeLeft')}
          data-testid="timer"
        >
          {formatClock(left)}
        </span>
        <span className="timer__state">
          {up
            ? t('session.timeUp')
            : running
              ? t('session.timerRunning')
              : t('session.timerPaused')}
        </span>
      </div>
      {canRun && live.status === 'running' ? (
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void run({ type: running ? 'timer.pause' : 'timer.start' })}
          >
            {running ? t('session.timerPause') : t('session.timerStart')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run({ type: 'timer.extend', minutes: 5 })}
          >
            {t('session.timerExtend')}
          </button>
        </div>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
    </section>
  )
}
