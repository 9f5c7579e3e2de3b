import { useState } from 'react'
import type { Mediation } from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import { draftAgreement, fetchSessionAgreements } from '../../api/agreements.js'
import { useT } from '../../app/i18n/i18n.js'
import { navigate } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { usePolled } from '../../app/use-polled.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { AgreementForm } from './AgreementForm.js'
import { AgreementHeadline } from './AgreementHeadline.js'
import { signedCount } from './status.js'
import { termOwners } from './TermRows.js'
import { useFocusAfterClose } from './use-focus-after-close.js'
import './agreement.css'
import { useNews } from '../workspace/workspace-live.js'

/**
 * The session's agreements, each with its state and how many parties signed (refreshed while
 * the page is visible); the mediator drafts a new one between all the session's parties.
 */
export const AgreementsSection = ({
  workspaceId,
  sessionId,
  me,
  mediation,
}: {
  workspaceId: string
  sessionId: string
  me: Participant
  mediation: Mediation
}) => {
  const t = useT()
  const [drafting, setDrafting] = useState(false)
  const draftButton = useFocusAfterClose(drafting)
  // The server's news brings others' changes at once; polling remains the fallback.
  const news = useNews('agreements')
  const { loaded } = usePolled(() => fetchSessionAgreements(sessionId), [sessionId, news], {
    intervalMs: 5000,
  })
  const isMediator = me.id === mediation.mediatorId
  const agreements =
    loaded.state === 'ready'
      ? [...loaded.value].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      : []
  return (
    <Section title={t('agreement.sectionTitle')}>
      {loaded.state === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {loaded.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {loaded.state === 'ready' && agreements.length === 0 ? (
        <p className="muted">{t('agreement.none')}</p>
      ) : null}
      {agreements.length > 0 ? (
        <ul className="agreement-list">
          {agreements.map((agreement) => {
            const { signed, total } = signedCount(agreement)
            return (
              <li key={agreement.id} className="agreement-row" data-testid="agreement-row">
                <AgreementHeadline workspaceId={workspaceId} agreement={agreement} />
                <span className="muted small">{t('agreement.signedCount', { signed, total })}</span>
              </li>
            )
          })}
        </ul>
      ) : null}
      {isMediator && mediation.parties.length === 0 ? (
        <p className="muted small">{t('agreement.needParties')}</p>
      ) : null}
      {isMediator && mediation.parties.length > 0 && !drafting ? (
        <button
          ref={draftButton}
          type="button"
          className="button"
          onClick={() => setDrafting(true)}
        >
          {t('agreement.draft')}
        </button>
      ) : null}
      {isMediator && mediation.parties.length > 0 && drafting ? (
        <AgreementForm
          heading={t('agreement.draftHeading')}
          parties={termOwners(mediation.parties, me, t('agreement.ownerMediator'))}
          note={
            <p className="muted small">
              {t('agreement.draftNote', {
                parties: mediation.parties.map((party) => party.name).join(', '),
              })}
            </p>
          }
          onSubmit={async (body) => {
            const agreement = await draftAgreement(sessionId, body)
            navigate(paths.agreement(workspaceId, agreement.id))
          }}
          onCancel={() => setDrafting(false)}
        />
      ) : null}
    </Section>
  )
}
