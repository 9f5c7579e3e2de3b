import type { Agreement } from '../../../../shared/src/schema/mediation.js'
import { fetchWorkspaceAgreements } from '../../api/agreements.js'
import { useT } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { AgreementHeadline } from './AgreementHeadline.js'
import './agreement.css'
import { Loading } from '../../ui/Loading.js'
import { useNews } from '../workspace/workspace-live.js'

/** Where the terms of an agreement stand; the server reports none overdue once it is amended. */
const followUpOf = (agreement: Agreement) => {
  const counts = { done: 0, missed: 0, open: 0, overdue: 0 }
  for (const term of agreement.terms) {
    const followUp = agreement.followUp.find((entry) => entry.termId === term.id)
    counts[followUp?.status ?? 'open'] += 1
    if (followUp?.overdue) counts.overdue += 1
  }
  return counts
}

/** Overdue first (most overdue terms first), then signed, drafts, and amended ones last. */
const rank = (agreement: Agreement, overdue: number) => {
  if (agreement.status === 'draft') return 2
  if (agreement.amendedBy) return 3
  return overdue > 0 ? 0 : 1
}

/**
 * The workspace home's follow-up overview, for every member: each agreement of the workspace,
 * its state and, once signed, how many of its terms are done, missed, open and overdue.
 */
export const AgreementsOverview = ({ workspaceId }: { workspaceId: string }) => {
  const t = useT()
  const news = useNews('agreements')
  const [loaded] = useLoad(() => fetchWorkspaceAgreements(workspaceId), [workspaceId, news])
  const all = loaded.state === 'ready' ? loaded.value : []
  const titles = new Map(all.map((agreement) => [agreement.id, agreement.title]))
  const rows = all
    .map((agreement) => ({ agreement, counts: followUpOf(agreement) }))
    .sort(
      (a, b) =>
        rank(a.agreement, a.counts.overdue) - rank(b.agreement, b.counts.overdue) ||
        b.counts.overdue - a.counts.overdue ||
        b.agreement.updatedAt.localeCompare(a.agreement.updatedAt),
    )
  return (
    <Section title={t('agreement.overview.title')}>
      <p className="muted small">{t('agreement.overview.hint')}</p>
      {loaded.state === 'loading' ? <Loading label={t('common.loading')} /> : null}
      {loaded.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {loaded.state === 'ready' && rows.length === 0 ? (
        <p className="muted">{t('agreement.overview.none')}</p>
      ) : null}
      {rows.length > 0 ? (
        <ul className="agreement-list agreement-overview">
          {rows.map(({ agreement, counts }) => {
            const amendment = agreement.amendedBy ? titles.get(agreement.amendedBy) : undefined
            return (
              <li key={agreement.id} className="agreement-row" data-testid="agreement-overview-row">
                <AgreementHeadline workspaceId={workspaceId} agreement={agreement} />
                {agreement.status === 'signed' && agreement.amendedBy ? (
                  <span className="muted small agreement-overview__line">
                    {amendment
                      ? t('agreement.overview.amendedBy', { title: amendment })
                      : t('agreement.overview.amended')}
                  </span>
                ) : null}
                {agreement.status === 'signed' && !agreement.amendedBy ? (
                  <span className="agreement-overview__line">
                    {counts.overdue > 0 ? (
                      <strong className="tag tag--warning" data-testid="overview-overdue">
                        {t('agreement.overview.overdue', { count: counts.overdue })}
                      </strong>
                    ) : null}
                    <span className="small">
                      {t('agreement.overview.terms', {
                        done: counts.done,
                        missed: counts.missed,
                        open: counts.open,
                      })}
                    </span>
                  </span>
                ) : null}
              </li>
            )
          })}
        </ul>
      ) : null}
    </Section>
  )
}
