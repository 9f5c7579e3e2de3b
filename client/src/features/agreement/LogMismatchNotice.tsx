import type { LogCheck, LogMismatch } from '../../../../shared/src/transparency/log-check.js'
import { useI18n } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'

const partKey = {
  content: 'agreement.logPart.content',
  signatures: 'agreement.logPart.signatures',
  'term-status': 'agreement.logPart.termStatus',
} as const satisfies Record<LogMismatch, string>

/**
 * Says that a signed agreement's stored rows differ from its log entries (what is shown is the
 * log's account), so an edit behind the server's back is seen by every reader.
 */
export const LogMismatchNotice = ({ logCheck }: { logCheck: LogCheck | null }) => {
  const { t } = useI18n()
  if (!logCheck || logCheck.matches) return null
  return (
    <Notice tone="error">
      <span data-testid="log-mismatch">
        {t('agreement.logMismatch', {
          parts: logCheck.mismatches.map((part) => t(partKey[part])).join(', '),
        })}
      </span>
    </Notice>
  )
}
