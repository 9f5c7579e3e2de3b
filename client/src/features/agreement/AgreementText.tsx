import { useId } from 'react'
import type { Agreement } from '../../../../shared/src/schema/mediation.js'
import { shortHash } from '../../app/format.js'
import { useT } from '../../app/i18n/i18n.js'
import { SignedText } from './SignedText.js'

/** The exact text a signer signs, as the server renders it, with its SHA-256 fingerprint. */
export const AgreementText = ({ agreement }: { agreement: Agreement }) => {
  const t = useT()
  const headingId = useId()
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {agreement.status === 'draft' ? t('agreement.textDraft') : t('agreement.textSigned')}
      </h2>
      <SignedText text={agreement.text} />
      <div className="agreement-hash small">
        <p className="agreement-hash__short">
          {t('agreement.fingerprint')}{' '}
          <code title={agreement.textHash} data-testid="agreement-hash">
            {shortHash(agreement.textHash)}…
          </code>
        </p>
        <details>
          <summary>{t('agreement.fullFingerprint')}</summary>
          <code className="agreement-hash__full">{agreement.textHash}</code>
          <p className="muted">{t('agreement.fingerprintHint')}</p>
        </details>
      </div>
    </section>
  )
}
