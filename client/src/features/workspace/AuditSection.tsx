import type { AuditEntry } from '../../../../shared/src/schema/audit.js'
import { fetchAudit } from '../../api/workspaces.js'
import { formatDateTime } from '../../app/format.js'
import { isMessageKey, useI18n } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { useNews } from './workspace-live.js'

/** Whom or what an entry is about, in words: a person, else the title or name it recorded. */
const subjectOf = (entry: AuditEntry): string | undefined => {
  if (entry.targetName) return entry.targetName
  const { title, name, displayName } = entry.details
  for (const value of [title, name, displayName]) if (typeof value === 'string') return value
  return undefined
}

/** The facilitator's view of who did which privileged action, newest first. */
export const AuditSection = ({ workspaceId }: { workspaceId: string }) => {
  const { t, language } = useI18n()
  // The server may learn new actions before this client does: show those by their name.
  const auditLabel = (action: string) => {
    const key = `audit.${action}`
    return isMessageKey(key) ? t(key) : action
  }
  const news = useNews('audit')
  const [entries, reload] = useLoad(() => fetchAudit(workspaceId), [workspaceId, news])
  return (
    <Section
      title={t('audit.title')}
      actions={
        <button type="button" className="button button--small" onClick={reload}>
          {t('audit.refresh')}
        </button>
      }
    >
      {entries.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {entries.state === 'ready' ? (
        <ol className="audit-list">
          {[...entries.value]
            .reverse()
            .slice(0, 50)
            .map((entry) => (
              <li key={entry.id} data-testid="audit-entry">
                <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>{' '}
                <strong>{entry.actorName ?? t('audit.system')}</strong>
                {': '}
                <span>{auditLabel(entry.action)}</span>
                {subjectOf(entry) ? (
                  <span className="muted">{` — ${subjectOf(entry)}`}</span>
                ) : null}
              </li>
            ))}
        </ol>
      ) : null}
    </Section>
  )
}
