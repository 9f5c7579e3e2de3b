import { useState } from 'react'
import type { Agreement, Mediation } from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import { fetchAgreement } from '../../api/agreements.js'
import { ApiError } from '../../api/http.js'
import { fetchMediation } from '../../api/mediation.js'
import { fetchMe } from '../../api/workspaces.js'
import { formatDateTime } from '../../app/format.js'
import { useI18n, useT } from '../../app/i18n/i18n.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { useLoad } from '../../app/use-load.js'
import { usePolled } from '../../app/use-polled.js'
import { Notice } from '../../ui/Notice.js'
import { AgreementRef } from './AgreementRef.js'
import { AgreementText } from './AgreementText.js'
import { FollowUpTable } from './FollowUpTable.js'
import { LogMismatchNotice } from './LogMismatchNotice.js'
import { MediatorActions } from './MediatorActions.js'
import { SignaturesPanel } from './SignaturesPanel.js'
import { signedCount, statusKey } from './status.js'
import { termOwners } from './TermRows.js'
import './agreement.css'
import { Loading } from '../../ui/Loading.js'

/**
 * `/w/<id>/a/<agreement>`: an agreement, the exact text to sign and its fingerprint, who signed
 * for each party, signing, the mediator's edits and amendments, and the follow-up of its terms.
 * Polled while visible, since the other parties sign meanwhile.
 */
export const AgreementPage = ({
  workspaceId,
  agreementId,
}: {
  workspaceId: string
  agreementId: string
}) => {
  const t = useT()
  const [me] = useLoad(() => fetchMe(workspaceId), [workspaceId])
  // While the mediator edits, the draft under the form stays as it was.
  const [formOpen, setFormOpen] = useState(false)
  const polled = usePolled(() => fetchAgreement(agreementId), [agreementId], { paused: formOpen })
  const { loaded } = polled
  const sessionId = loaded.state === 'ready' ? loaded.value.sessionId : undefined
  const [mediation] = useLoad(
    () => (sessionId ? fetchMediation(sessionId) : Promise.resolve(undefined)),
    [sessionId],
  )
  if (me.state === 'loading' || loaded.state === 'loading') {
    return (
      <main id="main" className="page">
        <Loading label={t('common.loading')} />
      </main>
    )
  }
  if (me.state === 'failed' || loaded.state === 'failed') {
    const error = me.state === 'failed' ? me.error : loaded.state === 'failed' ? loaded.error : null
    const gone =
      error instanceof ApiError && (error.code === 'not_found' || error.code === 'unauthorized')
    return (
      <main id="main" className="page page--narrow">
        <h1>{t('agreement.unavailable')}</h1>
        <Notice tone="error">{gone ? t('agreement.notFound') : t('common.loadFailed')}</Notice>
        <p>
          <Link href={paths.workspace(workspaceId)}>{t('session.back')}</Link>
        </p>
      </main>
    )
  }
  return (
    <AgreementContent
      workspaceId={workspaceId}
      agreement={loaded.value}
      me={me.value.participant}
      mediation={mediation.state === 'ready' ? mediation.value : undefined}
      formOpen={formOpen}
      setFormOpen={setFormOpen}
      onChanged={polled.replace}
      onStale={polled.reload}
    />
  )
}

const AgreementContent = ({
  workspaceId,
  agreement,
  me,
  mediation,
  formOpen,
  setFormOpen,
  onChanged,
  onStale,
}: {
  workspaceId: string
  agreement: Agreement
  me: Participant
  mediation: Mediation | undefined
  formOpen: boolean
  setFormOpen: (open: boolean) => void
  onChanged: (agreement: Agreement) => void
  onStale: () => void
}) => {
  const { t, language } = useI18n()
  const mediatorId = mediation?.mediatorId ?? agreement.createdBy
  const { signed, total } = signedCount(agreement)
  return (
    <main id="main" className="page agreement-page">
      <div className="page-header">
        <div>
          <Link className="back-link" href={paths.session(workspaceId, agreement.sessionId)}>
            {t('agreement.back')}
          </Link>
          <p className="eyebrow">
            {agreement.amends ? t('agreement.eyebrowAmendment') : t('agreement.eyebrow')}
          </p>
          <h1>{agreement.title}</h1>
          <p className="agreement-status">
            <span
              className={`tag agreement-tag agreement-tag--${agreement.status}`}
              data-testid="agreement-status"
            >
              {t(
                agreement.status === 'draft' ? 'agreement.status.draft' : 'agreement.status.signed',
              )}
            </span>{' '}
            <span>
              {agreement.signedAt
                ? t('agreement.signedOn', { date: formatDateTime(agreement.signedAt, language) })
                : t('agreement.signedCount', { signed, total })}
            </span>
          </p>
          {agreement.amendedBy ? (
            <p className="agreement-relation" data-testid="amended-by">
              {t('agreement.amendedBy')}{' '}
              <AgreementRef workspaceId={workspaceId} agreementId={agreement.amendedBy} />
            </p>
          ) : null}
          {agreement.amends ? (
            <p className="agreement-relation" data-testid="amends">
              {t('agreement.amends')}{' '}
              <AgreementRef workspaceId={workspaceId} agreementId={agreement.amends} />
            </p>
          ) : null}
          {agreement.recordSequence !== null ? (
            <p className="small muted">
              {t('agreement.recorded', { sequence: agreement.recordSequence })}
            </p>
          ) : null}
        </div>
      </div>
      {statusKey(agreement) === 'agreement.status.amended' ? (
        <Notice>{t('agreement.amendedNotice')}</Notice>
      ) : null}
      <LogMismatchNotice logCheck={agreement.logCheck} />
      <AgreementText agreement={agreement} />
      <SignaturesPanel agreement={agreement} myId={me.id} onChanged={onChanged} onStale={onStale} />
      {me.id === mediatorId ? (
        <MediatorActions
          workspaceId={workspaceId}
          agreement={agreement}
          parties={termOwners(
            mediation?.parties ?? agreement.parties,
            me,
            t('agreement.ownerMediator'),
          )}
          formOpen={formOpen}
          setFormOpen={setFormOpen}
          onChanged={onChanged}
        />
      ) : null}
      {agreement.status === 'signed' ? (
        <FollowUpTable
          agreement={agreement}
          myId={me.id}
          mediatorId={mediatorId}
          onChanged={onChanged}
        />
      ) : null}
    </main>
  )
}
