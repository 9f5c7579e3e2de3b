import { shortHash } from '../../app/format.js'
import { useT } from '../../app/i18n/i18n.js'

/** A record's place in the chain and its hash, short, with the full hashes on hover and below. */
export const RecordHash = ({ hash, previousHash }: { hash: string; previousHash: string }) => {
  const t = useT()
  return (
    <details className="record-hash small">
      <summary>
        {t('public.hash')} <code title={hash}>{shortHash(hash)}…</code>
      </summary>
      <p>
        {t('public.fullHash')} <code>{hash}</code>
      </p>
      <p>
        {t('public.previousHash')} <code>{previousHash}</code>
      </p>
    </details>
  )
}
