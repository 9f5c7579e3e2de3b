import { useEffect, useRef, useState } from 'react'
import type { AgendaItem, SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { stageTitle } from './stage-title.js'
import { useCommand } from './use-command.js'

/**
 * The agenda, the current stage highlighted, with planned minutes. A polite live region speaks
 * only when the stage changes. Runners move to the next stage or any other.
 */
export const StageBar = ({
  sessionId,
  agenda,
  live,
  canRun,
}: {
  sessionId: string
  agenda: readonly AgendaItem[]
  live: SessionState
  canRun: boolean
}) => {
  const t = useT()
  const { run, busy, error } = useCommand(sessionId)
  const announcement = useStageAnnouncement(agenda, live.stage)
  const running = live.status === 'running'
  // On phones the agenda shows the current stage only until asked (session.css); wider screens
  // show every stage and no toggle.
  const [expanded, setExpanded] = useState(false)
  return (
    <nav
      className={`stage-bar panel${expanded ? '' : ' stage-bar--collapsed'}`}
      aria-label={t('session.agenda')}
    >
      <div className="panel__header">
        <h2>{t('session.agenda')}</h2>
        {canRun && running ? (
          <button
            type="button"
            className="button button--primary"
            disabled={busy || live.stage >= agenda.length - 1}
            onClick={() => void run({ type: 'stage.advance' })}
          >
            {t('session.advance')}
          </button>
        ) : null}
      </div>
      <ol className="stage-list">
        {agenda.map((item, index) => {
          const current = index === live.stage
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: agenda items are positional
              key={index}
              className={`stage${current ? ' stage--current' : ''}${index < live.stage ? ' stage--done' : ''}`}
              aria-current={current ? 'step' : undefined}
            >
              <span className="stage__number">{index + 1}</span>
              <span className="stage__title">{stageTitle(t, item.title)}</span>
              <span className="stage__minutes">
                {t('session.stageMinutes', { minutes: item.minutes })}
              </span>
              {current ? <span className="tag stage__now">{t('session.current')}</span> : null}
              {canRun && running && !current ? (
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy}
                  aria-label={t('session.gotoNamed', {
                    number: index + 1,
                    title: stageTitle(t, item.title),
                  })}
                  onClick={() => void run({ type: 'stage.goto', index })}
                >
                  {t('session.goto')}
                </button>
              ) : null}
            </li>
          )
        })}
      </ol>
      {agenda.length > 1 ? (
        <button
          type="button"
          className="button button--small stage-bar__toggle"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded
            ? t('session.currentStageOnly')
            : t('session.allStages', { count: agenda.length })}
        </button>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="stage-announcer">
        {announcement}
      </p>
      {error ? <Notice tone="error">{error}</Notice> : null}
    </nav>
  )
}

/** The text of the stage announcer: empty at first, then set only when the stage changes. */
const useStageAnnouncement = (agenda: readonly AgendaItem[], stage: number): string => {
  const t = useT()
  const seen = useRef(stage)
  const [text, setText] = useState('')
  useEffect(() => {
    if (seen.current === stage) return
    seen.current = stage
    setText(
      t('session.stageAnnounce', {
        number: stage + 1,
        count: agenda.length,
        title: stageTitle(t, agenda[stage]?.title ?? ''),
      }),
    )
  }, [stage, agenda, t])
  return text
}
