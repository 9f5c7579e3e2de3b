import { useMemo } from 'react'
import type { PublicFeed } from '../../../../shared/src/schema/publication.js'
import { ApiError } from '../../api/http.js'
import { fetchPublicFeed } from '../../api/publication.js'
import { formatDateTime } from '../../app/format.js'
import { useI18n, useT } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'
import { BrowserCheck } from './BrowserCheck.js'
import { LogCheck } from './LogCheck.js'
import { PublicRecordList } from './PublicRecordList.js'
import '../agreement/agreement.css'
import { Loading } from '../../ui/Loading.js'

const feedPath = (publicId: string) => `/api/public/${encodeURIComponent(publicId)}`

/**
 * `/p/<publicId>`: a workspace's published record, readable by anyone without logging in —
 * decisions and signed agreements in chain order, the chain's verification, and term follow-up.
 */
export const PublicRecordPage = ({ publicId }: { publicId: string }) => {
  const t = useT()
  const [feed] = useLoad(() => fetchPublicFeed(publicId), [publicId])
  if (feed.state === 'loading') {
    return (
      <main id="main" className="page">
        <Loading label={t('common.loading')} />
      </main>
    )
  }
  if (feed.state === 'failed') {
    const missing = feed.error instanceof ApiError && feed.error.code === 'not_found'
    return (
      <main id="main" className="page page--narrow">
        <h1>{missing ? t('public.missing') : t('public.unavailable')}</h1>
        <p>{missing ? t('public.missingHint') : t('common.loadFailed')}</p>
      </main>
    )
  }
  return <PublicRecord publicId={publicId} feed={feed.value} />
}

const PublicRecord = ({ publicId, feed }: { publicId: string; feed: PublicFeed }) => {
  const { t, language } = useI18n()
  const records = useMemo(
    () => [...feed.records].sort((a, b) => a.sequence - b.sequence),
    [feed.records],
  )
  const { verification } = feed
  return (
    <main id="main" className="page public-record">
      <div className="page-header">
        <div>
          <p className="eyebrow">{t('public.eyebrow')}</p>
          <h1>{t('public.title', { name: feed.workspace.name })}</h1>
          <p className="small muted">
            {t('public.published', {
              published: formatDateTime(feed.publishedAt, language),
              generated: formatDateTime(feed.generatedAt, language),
            })}
          </p>
        </div>
      </div>
      {verification.ok ? (
        <Notice tone="success">
          <span data-testid="verification">
            {verification.count === 1
              ? t('public.verifiedOne')
              : t('public.verified', { count: verification.count })}
          </span>
        </Notice>
      ) : (
        <Notice tone="error">
          <span data-testid="verification">
            {t('public.broken', {
              sequence: verification.firstInvalid.sequence,
              problem: verification.firstInvalid.problem,
            })}
          </span>
        </Notice>
      )}
      <LogCheck
        publicId={publicId}
        shown={records}
        agreements={feed.agreements}
        approvedTexts={feed.approvedTexts}
        followUp={feed.followUp}
        recordsAsLogged={feed.recordsAsLogged}
        anonymised={feed.anonymised}
      />
      {/* Anonymised copies of records written before commitments cannot be rehashed. */}
      <BrowserCheck records={records} anonymised={!feed.recordsAsLogged} />
      <p>{t('public.about')}</p>
      {feed.anonymised ? <Notice>{t('public.anonymised')}</Notice> : null}
      <p>
        <a href={feedPath(publicId)}>{t('public.feed')}</a>
      </p>
      <section className="panel" aria-labelledby="public-records">
        <h2 id="public-records">
          {/* Decisions and agreements; signatures and follow-up are shown inside agreements. */}
          {t('public.records', {
            count:
              records.filter((record) => record.kind === 'decision').length +
              feed.agreements.length,
          })}
        </h2>
        {records.length === 0 ? <p className="muted">{t('public.none')}</p> : null}
        <PublicRecordList records={records} feed={feed} />
      </section>
    </main>
  )
}
