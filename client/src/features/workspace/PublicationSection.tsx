import { type FormEvent, useId, useState } from 'react'
import type { Publication, PublicFeed } from '../../../../shared/src/schema/publication.js'
import { fetchPublication, fetchPublicationPreview, setPublication } from '../../api/publication.js'
import { formatDateTime } from '../../app/format.js'
import type { MessageKey } from '../../app/i18n/en.js'
import { useI18n } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import '../agreement/agreement.css'
import { Loading } from '../../ui/Loading.js'
import { PublicationPreview } from './PublicationPreview.js'
import { useNews } from './workspace-live.js'

/**
 * Facilitators publish the workspace's record (decisions and signed agreements, with the chain's
 * verification) on a public page anyone can read without logging in, named or anonymised.
 */
export const PublicationSection = ({ workspaceId }: { workspaceId: string }) => {
  const { t } = useI18n()
  const news = useNews('publication')
  const [loaded] = useLoad(() => fetchPublication(workspaceId), [workspaceId, news])
  return (
    <Section title={t('publication.title')}>
      <p>{t('publication.about')}</p>
      {loaded.state === 'loading' ? <Loading label={t('common.loading')} /> : null}
      {loaded.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {loaded.state === 'ready' ? (
        <PublicationForm workspaceId={workspaceId} initial={loaded.value} />
      ) : null}
    </Section>
  )
}

const PublicationForm = ({
  workspaceId,
  initial,
}: {
  workspaceId: string
  initial: Publication
}) => {
  const { t, language } = useI18n()
  const hintId = useId()
  const [publication, setCurrent] = useState(initial)
  const [published, setPublished] = useState(initial.published)
  const [anonymised, setAnonymised] = useState(initial.anonymised)
  const [busy, setBusy] = useState(false)
  // The key, not its text: a message shown when the reader switches language is shown in the new one.
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; key: MessageKey }>()
  const [preview, setPreview] = useState<PublicFeed>()
  const save = async () => {
    setBusy(true)
    setMessage(undefined)
    try {
      const saved = await setPublication(workspaceId, { published, anonymised })
      setCurrent(saved)
      setPreview(undefined)
      setMessage({
        tone: 'success',
        key: saved.published ? 'publication.savedPublished' : 'publication.savedPrivate',
      })
    } catch {
      setMessage({ tone: 'error', key: 'common.actionFailed' })
    } finally {
      setBusy(false)
    }
  }
  // Withdrawing shows nothing new; anything that makes the record public is previewed first.
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!published) return save()
    setBusy(true)
    setMessage(undefined)
    try {
      setPreview(await fetchPublicationPreview(workspaceId, anonymised))
    } catch {
      setMessage({ tone: 'error', key: 'common.actionFailed' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <form className="form" onSubmit={submit} aria-label={t('publication.title')}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={published}
            onChange={(event) => {
              setPublished(event.target.checked)
              setPreview(undefined)
            }}
          />
          {t('publication.publish')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={anonymised}
            aria-describedby={hintId}
            onChange={(event) => {
              setAnonymised(event.target.checked)
              setPreview(undefined)
            }}
          />
          {t('publication.anonymise')}
        </label>
        <p className="field__hint" id={hintId}>
          {t('publication.anonymiseHint')}
        </p>
        {message ? <Notice tone={message.tone}>{t(message.key)}</Notice> : null}
        {preview ? null : (
          <button type="submit" className="button button--primary" disabled={busy}>
            {published ? t('publication.previewSubmit') : t('publication.save')}
          </button>
        )}
      </form>
      {preview ? (
        <PublicationPreview
          feed={preview}
          busy={busy}
          onConfirm={save}
          onCancel={() => setPreview(undefined)}
        />
      ) : null}
      {publication.published && publication.url ? (
        <div className="publication-links" data-testid="publication-links">
          <p>
            <a href={publication.url}>{t('publication.page')}</a>
          </p>
          {publication.feedUrl ? (
            <p>
              <a href={publication.feedUrl}>{t('publication.feed')}</a>
            </p>
          ) : null}
          {publication.publishedAt ? (
            <p className="small muted">
              {t('publication.since', {
                date: formatDateTime(publication.publishedAt, language),
              })}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="small muted">{t('publication.notPublished')}</p>
      )}
    </>
  )
}
