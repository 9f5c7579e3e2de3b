import { useState } from 'react'
import type { Version } from '../../../../shared/src/schema/version.js'
import { ExportFormat } from '../../../../shared/src/schema/version.js'
import { exportUrl } from '../../api/versions.js'
import { formatDateTime } from '../../app/format.js'
import { useI18n } from '../../app/i18n/i18n.js'
import { ConfirmDialog } from '../../ui/ConfirmDialog.js'

/** One saved version: name, kind, who and when; compare, restore (writers) and download. */
export const VersionItem = ({
  version,
  author,
  canWrite,
  onCompare,
  onRestore,
}: {
  version: Version
  author: string
  canWrite: boolean
  onCompare: () => void
  onRestore: () => Promise<void>
}) => {
  const { t, language } = useI18n()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const name = version.name
  return (
    <li className="version" data-testid="version">
      <div className="version__head">
        <span className="version__name">{name}</span>
        <span className={`tag${version.kind === 'before-restore' ? ' tag--warning' : ''}`}>
          {t(`versions.kind.${version.kind}`)}
        </span>
      </div>
      <p className="version__meta small muted">
        {t('versions.by', { name: author })} ·{' '}
        <time dateTime={version.createdAt}>{formatDateTime(version.createdAt, language)}</time>
      </p>
      <div className="version__actions">
        <button
          type="button"
          className="button button--small"
          aria-label={t('versions.compareNamed', { name })}
          onClick={onCompare}
        >
          {t('versions.compareWithLive')}
        </button>
        {canWrite ? (
          <button
            type="button"
            className="button button--small"
            aria-label={t('versions.restoreNamed', { name })}
            onClick={() => setConfirming(true)}
            disabled={busy}
          >
            {t('versions.restore')}
          </button>
        ) : null}
      </div>
      <Downloads documentId={version.documentId} version={version.id} name={name} />
      {canWrite ? (
        <ConfirmDialog
          open={confirming}
          title={t('versions.restoreTitle', { name })}
          confirmLabel={t('versions.restoreConfirm')}
          cancelLabel={t('common.cancel')}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            setBusy(true)
            await onRestore()
            setBusy(false)
            setConfirming(false)
          }}
        >
          <p>{t('versions.restoreBody')}</p>
        </ConfirmDialog>
      ) : null}
    </li>
  )
}

/** Download links for one state of the text: Markdown, printable HTML, JSON. */
export const Downloads = ({
  documentId,
  version,
  name,
}: {
  documentId: string
  version: string
  name: string
}) => {
  const { t } = useI18n()
  return (
    <p className="downloads small">
      <span className="muted">{t('versions.download')}</span>{' '}
      {ExportFormat.options.map((format) => (
        <a
          key={format}
          href={exportUrl(documentId, format, version)}
          download
          aria-label={t('versions.downloadNamed', { name, format: t(`versions.format.${format}`) })}
        >
          {t(`versions.format.${format}`)}
        </a>
      ))}
    </p>
  )
}
