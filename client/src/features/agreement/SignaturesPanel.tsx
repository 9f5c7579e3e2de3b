import { useId, useState } from 'react'
import type { Agreement, AgreementParty } from '../../../../shared/src/schema/mediation.js'
import { mediationRuleOf, signAgreement } from '../../api/agreements.js'
import { formatDateTime, shortHash } from '../../app/format.js'
import { useI18n } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { sha256Hex } from '../../app/web-crypto.js'
import { ConfirmDialog } from '../../ui/ConfirmDialog.js'
import { Notice } from '../../ui/Notice.js'
import { explainAgreementError } from './explain.js'

/** What the signer was shown when they chose to sign: the text's hash is what they sign. */
interface Signing {
  party: AgreementParty
  title: string
  text: string
  textHash: string
}

/**
 * Each party, its representatives and whether (who, when) it signed; a representative of a
 * party that has not signed signs for it, after confirming what exactly is signed.
 */
export const SignaturesPanel = ({
  agreement,
  myId,
  onChanged,
  onStale,
}: {
  agreement: Agreement
  myId: string
  /** The server's answer after signing. */
  onChanged: (agreement: Agreement) => void
  /** The text changed meanwhile: load it again. */
  onStale: () => void
}) => {
  const { t, language } = useI18n()
  const headingId = useId()
  const [signing, setSigning] = useState<Signing>()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: Message }>()
  const signatureOf = (partyId: string) =>
    agreement.signatures.find((signature) => signature.partyId === partyId)

  const sign = async () => {
    if (!signing) return
    setBusy(true)
    setMessage(undefined)
    try {
      // The hash of the text shown, computed here where the browser can: what is signed is what
      // was read, not merely what the server says it sent.
      const seen = sha256Hex ? await sha256Hex(signing.text) : signing.textHash
      if (seen !== signing.textHash) {
        setMessage({ tone: 'error', text: (t) => t('agreement.hashMismatch') })
        return
      }
      const signed = await signAgreement(agreement.id, { textHash: seen })
      onChanged(signed)
      setMessage({
        tone: 'success',
        text: (t) => t('agreement.signedYou', { party: signing.party.name }),
      })
    } catch (failure) {
      if (mediationRuleOf(failure) === 'text_changed') onStale()
      setMessage({ tone: 'error', text: (t) => explainAgreementError(t, failure) })
    } finally {
      setBusy(false)
      setSigning(undefined)
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('agreement.signatures')}</h2>
      <ul className="party-signatures">
        {agreement.parties.map((party) => {
          const signature = signatureOf(party.id)
          const mine = party.members.some((member) => member.participantId === myId)
          return (
            <li key={party.id} className="party-signature" data-testid="party-signature">
              <div>
                <strong>{party.name}</strong>{' '}
                {signature ? (
                  <span className="signature-state signature-state--signed">
                    {t('agreement.signedBy', {
                      name: signature.name,
                      date: formatDateTime(signature.signedAt, language),
                    })}
                  </span>
                ) : (
                  <span className="signature-state signature-state--pending">
                    {t('agreement.pending')}
                  </span>
                )}
              </div>
              <p className="small muted">
                {t('agreement.representatives', {
                  names: party.members.map((member) => member.name).join(', '),
                })}
              </p>
              {mine && !signature && agreement.status === 'draft' ? (
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() =>
                    setSigning({
                      party,
                      title: agreement.title,
                      text: agreement.text,
                      textHash: agreement.textHash,
                    })
                  }
                >
                  {t('agreement.signFor', { party: party.name })}
                </button>
              ) : null}
            </li>
          )
        })}
      </ul>
      {message ? <Notice tone={message.tone}>{message.text(t)}</Notice> : null}
      <ConfirmDialog
        open={signing !== undefined}
        title={t('agreement.signConfirmTitle', { party: signing?.party.name ?? '' })}
        confirmLabel={t('agreement.sign')}
        cancelLabel={t('common.cancel')}
        busy={busy}
        onConfirm={sign}
        onCancel={() => setSigning(undefined)}
      >
        <p>
          {t('agreement.signConfirmText', {
            party: signing?.party.name ?? '',
            title: signing?.title ?? '',
          })}
        </p>
        <p>
          {t('agreement.fingerprint')} <code>{shortHash(signing?.textHash ?? '')}…</code>
        </p>
        <p>{t('agreement.signConfirmFinal')}</p>
      </ConfirmDialog>
    </section>
  )
}
