import { fetchAudit } from '../../api/workspaces.js'
import { isMessageKey, useT } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'

/** The facilitator's view of who did which privileged action, newest first. */
export const AuditSection = ({ workspaceId }: { workspaceId: string }) => {
  const t = useT()
  // The server may learn new actions before this client does: show those by their name.
  const auditLabel = (action: string) => {
    const key = `audit.${action}`
    return isMessageKey(key) ? t(key) : action
  }
  const [entries, reload] = useLoad(() => fetchAudit(workspaceId), [workspaceId])
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
              <li key={entry.id}>
                <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>{' '}
                <span>{auditLabel(entry.action)}</span>
              </li>
            ))}
        </ol>
      ) : null}
    </Section>
  )
}
