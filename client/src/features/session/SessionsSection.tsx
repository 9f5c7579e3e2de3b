import type { Role } from '../../../../shared/src/schema/people.js'
import { fetchSessions } from '../../api/sessions.js'
import { formatDate } from '../../app/format.js'
import { useI18n } from '../../app/i18n/i18n.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { useLoad } from '../../app/use-load.js'
import { Loading } from '../../ui/Loading.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { useNews } from '../workspace/workspace-live.js'
import { StartSessionForm } from './StartSessionForm.js'
import { runsSessions } from './session-roles.js'

/** The workspace home's sessions: newest first, each a link; runners start new ones. */
export const SessionsSection = ({ workspaceId, role }: { workspaceId: string; role: Role }) => {
  const { t, language } = useI18n()
  const news = useNews('sessions')
  const [sessions] = useLoad(() => fetchSessions(workspaceId), [workspaceId, news])
  const list =
    sessions.state === 'ready'
      ? [...sessions.value].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      : []
  return (
    <Section title={t('sessions.title')}>
      {sessions.state === 'loading' ? <Loading label={t('common.loading')} /> : null}
      {sessions.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {sessions.state === 'ready' && list.length === 0 ? (
        <p className="muted">{t('sessions.none')}</p>
      ) : null}
      <ul className="document-list">
        {list.map((session) => (
          <li key={session.id} className="document-row">
            <Link className="document-row__title" href={paths.session(workspaceId, session.id)}>
              {session.title}
            </Link>
            <span className="tag">{t(`sessions.kind.${session.kind}`)}</span>
            {session.status === 'ended' ? (
              <span className="tag tag--ended" data-testid="session-ended">
                {t('session.endedLabel')}
              </span>
            ) : null}
            <span className="muted small">{formatDate(session.createdAt, language)}</span>
          </li>
        ))}
      </ul>
      {runsSessions(role) ? <StartSessionForm workspaceId={workspaceId} role={role} /> : null}
    </Section>
  )
}
