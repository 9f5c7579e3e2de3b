import { mediationRuleOf } from '../../api/agreements.js'
import { ApiError } from '../../api/http.js'
import type { MessageKey } from '../../app/i18n/en.js'
import { isMessageKey, type Translate } from '../../app/i18n/i18n.js'

/** What to tell the mediator when the server refuses a party or caucus command. */
export const explainMediationRefusal = (t: Translate, error: unknown): string => {
  const rule = mediationRuleOf(error)
  const key = `mediation.rule.${rule}`
  if (rule && isMessageKey(key)) return t(key satisfies MessageKey)
  if (error instanceof ApiError) {
    if (error.code === 'forbidden') return t('mediation.onlyMediator')
    if (error.code === 'offline') return t('common.offline')
  }
  return t('common.actionFailed')
}

/** What was being done to the board when the server refused it. */
export type BoardChange = 'add' | 'interest' | 'remove'

/** What to tell the person when the server refuses a board command. */
export const explainBoardRefusal = (t: Translate, error: unknown, change: BoardChange): string => {
  const rule = mediationRuleOf(error)
  const key = `mediation.rule.${rule}`
  if (rule && isMessageKey(key)) return t(key satisfies MessageKey)
  if (error instanceof ApiError) {
    if (error.code === 'offline') return t('common.offline')
    if (error.code === 'forbidden') {
      if (change === 'interest') return t('mediation.boardForbiddenInterest')
      if (change === 'remove') return t('mediation.boardForbiddenRemove')
      return t('mediation.boardForbidden')
    }
    if (error.code === 'not_found') {
      return t(change === 'remove' ? 'mediation.boardAlreadyRemoved' : 'mediation.boardGone')
    }
    if (error.code === 'bad_request') return t('mediation.boardInvalid')
  }
  return t('common.actionFailed')
}
