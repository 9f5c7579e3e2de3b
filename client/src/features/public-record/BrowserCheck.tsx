import { useEffect, useState } from 'react'
import {
  type ChainCheck,
  type ChainRecord,
  canonicalJson,
  checkChain,
  hashedContents,
} from '../../../../shared/src/schema/record-chain.js'
import { useT } from '../../app/i18n/i18n.js'
import { sha256Hex } from '../../app/web-crypto.js'

type Check =
  | { state: 'checking' }
  | { state: 'done'; result: ChainCheck }
  | { state: 'impossible'; reason: 'anonymised' | 'insecure' }

/** Recomputes every record's hash and link here, with the same rule the server applies. */
const checkHere = async (
  records: readonly ChainRecord[],
  digest: (text: string) => Promise<string>,
): Promise<ChainCheck> =>
  checkChain(
    await Promise.all(
      records.map(async (record) => ({
        id: record.id,
        sequence: record.sequence,
        previousHash: record.previousHash,
        hash: record.hash,
        recomputedHashes: await Promise.all(
          hashedContents(record).map((content) => digest(canonicalJson(content))),
        ),
      })),
    ),
  )

/**
 * The chain checked by this browser, not only by the server that serves it: a named record is
 * exactly what was hashed, so anyone can recompute it. Anonymised records cannot be rehashed.
 */
export const BrowserCheck = ({
  records,
  anonymised,
}: {
  records: readonly ChainRecord[]
  anonymised: boolean
}) => {
  const t = useT()
  const [check, setCheck] = useState<Check>({ state: 'checking' })
  useEffect(() => {
    if (anonymised) return setCheck({ state: 'impossible', reason: 'anonymised' })
    if (!sha256Hex) return setCheck({ state: 'impossible', reason: 'insecure' })
    let current = true
    checkHere(records, sha256Hex).then((result) => {
      if (current) setCheck({ state: 'done', result })
    })
    return () => {
      current = false
    }
  }, [records, anonymised])
  const text =
    check.state === 'checking'
      ? t('public.browserChecking')
      : check.state === 'impossible'
        ? t(check.reason === 'anonymised' ? 'public.browserAnonymised' : 'public.browserInsecure')
        : check.result.ok
          ? t('public.browserVerified')
          : t('public.browserBroken', {
              sequence: check.result.firstInvalid.sequence,
              problem: check.result.firstInvalid.problem,
            })
  return (
    <p className="small" data-testid="browser-check" role="status">
      {text}
    </p>
  )
}
