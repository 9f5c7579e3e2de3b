import { mediationRuleOf } from '../../api/agreements.js'
import { ApiError } from '../../api/http.js'
import type { Translate } from '../../app/i18n/i18n.js'

/** What to tell the person when the server refuses an agreement request. */
export const explainAgreementError = (t: Translate, error: unknown): string => {
  const rule = mediationRuleOf(error)
  if (rule) return t(`agreement.rule.${rule}`)
  if (error instanceof ApiError) {
    if (error.code === 'offline') return t('common.offline')
    if (error.code === 'forbidden') return t('agreement.forbidden')
    if (error.code === 'bad_request') return t('agreement.invalid')
    if (error.code === 'not_found') return t('agreement.gone')
  }
  return t('common.actionFailed')
}
