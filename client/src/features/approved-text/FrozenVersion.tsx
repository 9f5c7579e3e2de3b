import { fetchDocument } from '../../api/documents.js'
import { compareVersions, live } from '../../api/versions.js'
import { formatDateTime } from '../../app/format.js'
import { useI18n } from '../../app/i18n/i18n.js'
import { usePolled } from '../../app/use-polled.js'
import { shortVersion } from './short-version.js'
import { differs, TextChanges } from './TextChanges.js'
import './approved-text.css'

/** How often the open proposal's page asks whether the live plan moved on. */
const refreshMs = 5000

/**
 * Under an open proposal on a plan: the version frozen when it opened — what everyone is
 * deciding on — and, when the live plan has changed since, what changed.
 */
export const FrozenVersion = ({
  workspaceId,
  documentId,
  versionId,
  openedAt,
}: {
  workspaceId: string
  documentId: string
  versionId: string
  openedAt: string
}) => {
  const { t, language } = useI18n()
  const { loaded } = usePolled(
    () =>
      Promise.all([
        fetchDocument(workspaceId, documentId),
        compareVersions(documentId, versionId, live),
      ]),
    [workspaceId, documentId, versionId],
    { intervalMs: refreshMs },
  )
  const time = formatDateTime(openedAt, language)
  const version = shortVersion(versionId)
  const ready = loaded.state === 'ready' ? loaded.value : undefined
  return (
    <div className="frozen-version" data-testid="frozen-version">
      <p>
        {ready
          ? t('approved.deciding', { version, plan: ready[0].title, time })
          : t('approved.decidingNoTitle', { version, time })}
      </p>
      {ready && differs(ready[1]) ? (
        <>
          <p className="frozen-version__moved" role="status">
            {t('approved.movedOn')}
          </p>
          <TextChanges changes={ready[1]} />
        </>
      ) : ready ? (
        <p className="small muted">{t('approved.unchanged')}</p>
      ) : null}
    </div>
  )
}
