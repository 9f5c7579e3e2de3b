import { useEffect, useState } from 'react'
import { canonicalPlanContent } from '../../../../shared/src/schema/plan-content-hash.js'
import type { ProseMirrorNode } from '../../../../shared/src/ydoc/prosemirror-json.js'
import { shortHash } from '../../app/format.js'
import { useT } from '../../app/i18n/i18n.js'
import { sha256Hex } from '../../app/web-crypto.js'

type Check = 'checking' | 'matches' | 'differs' | 'anonymised' | 'insecure'

/**
 * The record's content hash, and this browser's own check that the text shown hashes to it
 * (SHA-256 of its RFC 8785 JSON), so the text is not taken on the server's word.
 */
export const ContentHashCheck = ({
  content,
  contentHash,
  anonymised,
}: {
  content: Record<string, unknown>
  contentHash: string
  anonymised: boolean
}) => {
  const t = useT()
  const [check, setCheck] = useState<Check>('checking')
  useEffect(() => {
    if (anonymised) return setCheck('anonymised')
    if (!sha256Hex) return setCheck('insecure')
    let current = true
    sha256Hex(canonicalPlanContent(content as unknown as ProseMirrorNode)).then((hash) => {
      if (current) setCheck(hash === contentHash ? 'matches' : 'differs')
    })
    return () => {
      current = false
    }
  }, [content, contentHash, anonymised])
  const verdict =
    check === 'matches'
      ? t('approved.hashMatches')
      : check === 'differs'
        ? t('approved.hashDiffers')
        : check === 'anonymised'
          ? t('approved.hashAnonymised')
          : check === 'insecure'
            ? t('approved.hashInsecure')
            : null
  return (
    <p className="small" data-testid="content-hash-check" data-check={check}>
      {t('approved.hash', { hash: `${shortHash(contentHash)}…` })} {verdict}
    </p>
  )
}
