import type { PublicFeed } from '../../../../shared/src/schema/publication.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { PublicRecordList } from '../public-record/PublicRecordList.js'

/**
 * What publishing would show anyone, rendered as the public page renders it, with the choice
 * to publish exactly this or go back.
 */
export const PublicationPreview = ({
  feed,
  busy,
  onConfirm,
  onCancel,
}: {
  feed: PublicFeed
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}) => {
  const t = useT()
  const records = [...feed.records].sort((a, b) => a.sequence - b.sequence)
  return (
    <section
      className="publication-preview"
      aria-labelledby="publication-preview-title"
      data-testid="publication-preview"
    >
      <h3 id="publication-preview-title">{t('publication.previewTitle')}</h3>
      <Notice>
        {feed.anonymised ? t('publication.previewAnonymised') : t('publication.previewNamed')}
      </Notice>
      {records.length === 0 ? <p className="muted">{t('public.none')}</p> : null}
      <PublicRecordList records={records} feed={feed} />
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          onClick={onConfirm}
          disabled={busy}
        >
          {t('publication.confirm')}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  )
}
