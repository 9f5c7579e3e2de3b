import type { Agreement } from '../../../../shared/src/schema/mediation.js'
import { draftAgreement, editAgreement } from '../../api/agreements.js'
import { useT } from '../../app/i18n/i18n.js'
import { navigate } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { AgreementForm, type AgreementStart } from './AgreementForm.js'
import type { OwnerParty } from './TermRows.js'
import { useFocusAfterClose } from './use-focus-after-close.js'

const startFrom = (agreement: Agreement): AgreementStart => ({
  title: agreement.title,
  preamble: agreement.preamble,
  terms: agreement.terms,
})

/**
 * The mediator edits a draft (signatures already given are withdrawn) or, once it is signed and
 * not yet amended, drafts an amendment that starts from its terms.
 */
export const MediatorActions = ({
  workspaceId,
  agreement,
  parties,
  formOpen,
  setFormOpen,
  onChanged,
}: {
  workspaceId: string
  agreement: Agreement
  parties: readonly OwnerParty[]
  formOpen: boolean
  setFormOpen: (open: boolean) => void
  onChanged: (agreement: Agreement) => void
}) => {
  const t = useT()
  const openButton = useFocusAfterClose(formOpen)
  const isDraft = agreement.status === 'draft'
  const mayAmend = agreement.status === 'signed' && !agreement.amendedBy
  if (!isDraft && !mayAmend) return null
  if (!formOpen) {
    return (
      <div className="agreement-actions">
        <button ref={openButton} type="button" className="button" onClick={() => setFormOpen(true)}>
          {isDraft ? t('agreement.edit') : t('agreement.amend')}
        </button>
      </div>
    )
  }
  if (isDraft) {
    return (
      <div className="panel">
        <AgreementForm
          heading={t('agreement.editHeading')}
          level={2}
          start={startFrom(agreement)}
          parties={parties}
          note={
            agreement.signatures.length > 0 ? (
              <p className="notice notice--info">
                {t('agreement.editWithdraws', { count: agreement.signatures.length })}
              </p>
            ) : null
          }
          onSubmit={async (body) => {
            onChanged(await editAgreement(agreement.id, body))
            setFormOpen(false)
          }}
          onCancel={() => setFormOpen(false)}
        />
      </div>
    )
  }
  return (
    <div className="panel">
      <AgreementForm
        heading={t('agreement.amendHeading')}
        level={2}
        start={startFrom(agreement)}
        parties={parties}
        note={<p className="muted small">{t('agreement.amendNote')}</p>}
        onSubmit={async (body) => {
          const amendment = await draftAgreement(agreement.sessionId, {
            ...body,
            amends: agreement.id,
          })
          setFormOpen(false)
          navigate(paths.agreement(workspaceId, amendment.id))
        }}
        onCancel={() => setFormOpen(false)}
      />
    </div>
  )
}
