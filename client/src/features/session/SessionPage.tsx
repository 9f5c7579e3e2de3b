import { minutesFileName } from '../../../../shared/src/artefacts/words.js'
import type { Language as WorkspaceLanguage } from '../../../../shared/src/schema/language.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type { SessionState } from '../../../../shared/src/schema/session.js'
import { runsSession } from '../../../../shared/src/schema/session-runner.js'
import { ApiError } from '../../api/http.js'
import { minutesUrl } from '../../api/sessions.js'
import { fetchMe } from '../../api/workspaces.js'
import { formatTime } from '../../app/format.js'
import { type Language, type Translate, useI18n, useT } from '../../app/i18n/i18n.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'
import { MediationPanel } from '../mediation/MediationPanel.js'
import { PollsPanel } from '../polls/PollsPanel.js'
import { useRememberWorkspace } from '../workspace/joined-workspaces.js'
import { BalancePanel } from './BalancePanel.js'
import { ContributionsPanel } from './ContributionsPanel.js'
import { DecisionLog } from './DecisionLog.js'
import { EndSessionControl } from './EndSessionControl.js'
import { FloorPanel } from './FloorPanel.js'
import { NeutralPanel } from './NeutralPanel.js'
import { OnBehalfForm } from './OnBehalfForm.js'
import { ProposalPanel } from './ProposalPanel.js'
import { SessionActionBar } from './SessionActionBar.js'
import { SessionTimer } from './SessionTimer.js'
import { StageBar } from './StageBar.js'
import { takesPart } from './session-roles.js'
import { type LiveSession, useLiveSession } from './use-live-session.js'
import './session.css'
import { Loading } from '../../ui/Loading.js'

/** `/w/<id>/s/<session>`: the live session, as everyone sees it; runners also steer it. */
export const SessionPage = ({
  workspaceId,
  sessionId,
}: {
  workspaceId: string
  sessionId: string
}) => {
  const t = useT()
  const [me] = useLoad(() => fetchMe(workspaceId), [workspaceId])
  useRememberWorkspace(me.state === 'ready' ? me.value.workspace : undefined)
  const live = useLiveSession(sessionId)
  if (me.state === 'loading' || live.state === 'loading') {
    return (
      <main id="main" className="page">
        <Loading label={t('common.loading')} />
      </main>
    )
  }
  if (me.state === 'failed' || live.state === 'failed' || live.refused !== undefined) {
    const error = me.state === 'failed' ? me.error : live.state === 'failed' ? live.error : null
    const gone =
      (error instanceof ApiError &&
        (error.code === 'not_found' || error.code === 'unauthorized')) ||
      (live.state === 'ready' && live.refused !== undefined)
    return (
      <main id="main" className="page page--narrow">
        <h1>{t('session.unavailable')}</h1>
        <Notice tone="error">{gone ? t('session.notFound') : t('common.loadFailed')}</Notice>
        <p>
          <Link href={paths.workspace(workspaceId)}>{t('session.back')}</Link>
        </p>
      </main>
    )
  }
  return (
    <SessionContent
      workspaceId={workspaceId}
      me={me.value.participant}
      workspaceLanguage={me.value.workspace.language}
      live={live}
    />
  )
}

const SessionContent = ({
  workspaceId,
  me,
  workspaceLanguage,
  live: { session, live, polls, connected },
}: {
  workspaceId: string
  me: Participant
  /** The minutes are written in the workspace's language, whatever the reader's. */
  workspaceLanguage: WorkspaceLanguage
  live: Extract<LiveSession, { state: 'ready' }>
}) => {
  const { t, language } = useI18n()
  // In a mediation only its mediator runs it: a facilitator who represents a party sees no controls.
  const canRun = runsSession(session, me)
  const canTakePart = takesPart(me.role)
  const ended = live.status === 'ended'
  return (
    <main id="main" className="page session-page">
      <div className="page-header">
        <div>
          <Link className="back-link" href={paths.workspace(workspaceId)}>
            {t('session.back')}
          </Link>
          <p className="eyebrow">{t(`sessions.kind.${session.kind}`)}</p>
          <h1>{session.title}</h1>
          <p className="session-page__status">
            {ended ? null : (
              <span className={`live-dot${connected ? ' live-dot--on' : ''}`} aria-hidden="true" />
            )}
            <span data-testid="live-status">
              {ended
                ? endedLabel(t, language, live)
                : connected
                  ? t('session.connected')
                  : t('session.connecting')}
            </span>
            {' · '}
            <a
              href={minutesUrl(session.id)}
              download={minutesFileName(workspaceLanguage, session.title, session.createdAt)}
            >
              {t('session.minutes')}
            </a>
          </p>
        </div>
        {canRun && !ended ? (
          <section aria-label={t('session.controls')} data-testid="facilitator-controls">
            <EndSessionControl sessionId={session.id} />
          </section>
        ) : null}
      </div>
      {ended ? <Notice>{t('session.ended')}</Notice> : null}
      <div className="session-top">
        <StageBar sessionId={session.id} live={live} canRun={canRun} />
        <SessionTimer sessionId={session.id} live={live} canRun={canRun} />
      </div>
      {session.kind === 'mediation' ? (
        <MediationPanel workspaceId={workspaceId} sessionId={session.id} me={me} />
      ) : null}
      <div className="session-grid">
        <div className="session-grid__main">
          <ProposalPanel
            sessionId={session.id}
            workspaceId={workspaceId}
            live={live}
            myId={me.id}
            canRun={canRun}
            canTakePart={canTakePart}
          />
          <PollsPanel
            workspaceId={workspaceId}
            sessionId={session.id}
            live={live}
            polls={polls}
            myId={me.id}
            canRun={canRun}
            canTakePart={canTakePart}
          />
          <ContributionsPanel sessionId={session.id} live={live} canAdd={canTakePart && !ended} />
          {canRun && !ended ? (
            <OnBehalfForm workspaceId={workspaceId} sessionId={session.id} live={live} />
          ) : null}
          <DecisionLog
            workspaceId={workspaceId}
            sessionId={session.id}
            decisionIds={live.decisions}
          />
        </div>
        <div className="session-grid__side">
          <FloorPanel
            sessionId={session.id}
            live={live}
            myId={me.id}
            canRun={canRun}
            canTakePart={canTakePart}
          />
          <BalancePanel sessionId={session.id} live={live} canRun={canRun} />
          {canRun ? <NeutralPanel sessionId={session.id} live={live} /> : null}
        </div>
      </div>
      {canTakePart && !ended ? (
        <SessionActionBar sessionId={session.id} live={live} myId={me.id} />
      ) : null}
    </main>
  )
}

/** "Ended 18:09": the session ended as its last stage did, in the reader's time and language. */
const endedLabel = (t: Translate, language: Language, live: SessionState): string => {
  const endedAt = live.stageLog.at(-1)?.to
  return endedAt
    ? t('session.endedAt', { time: formatTime(endedAt, language) })
    : t('session.endedLabel')
}
