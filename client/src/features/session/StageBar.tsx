import { useEffect, useRef, useState } from 'react'
import type { AgendaItem, SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { AgendaEditor } from './AgendaEditor.js'
import { stageTitle } from './stage-title.js'
import { useCommand } from './use-command.js'

/**
 * The agenda as it stands, the current stage highlighted, with planned minutes. A polite live
 * region speaks only when the stage changes. Runners move to the next stage or any other,
 * starting its timer with it if they like, and open the editor that shapes the agenda.
 */
export const StageBar = ({
  sessionId,
  live,
  canRun,
}: {
  sessionId: string
  live: SessionState
  canRun: boolean
}) => {
  const t = useT()
  const agenda = live.agenda
  const [editing, setEditing] = useState(false)
  const [startTimer, setStartTimer] = useState(false)
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
            onClick={() => void run({ type: 'stage.advance', startTimer })}
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
                  onClick={() => void run({ type: 'stage.goto', index, startTimer })}
                >
                  {t('session.goto')}
                </button>
              ) : null}
            </li>
          )
        })}
      </ol>
      {canRun && running ? (
        <div className="stage-bar__tools">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={startTimer}
              onChange={(event) => setStartTimer(event.target.checked)}
            />
            {t('session.startTimerWithStage')}
          </label>
          <button
            type="button"
            className="button button--small"
            aria-expanded={editing}
            onClick={() => setEditing(!editing)}
          >
            {editing ? t('session.editAgendaDone') : t('session.editAgenda')}
          </button>
        </div>
      ) : null}
      {canRun && running && editing ? <AgendaEditor sessionId={sessionId} live={live} /> : null}
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
