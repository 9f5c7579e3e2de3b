import { z } from 'zod'
import type { MediationRule } from '../../../../shared/src/schema/mediation.js'
import { mediationRuleOf } from '../../api/agreements.js'
import { ApiError } from '../../api/http.js'
import type { MessageKey } from '../../app/i18n/en.js'
import type { Translate } from '../../app/i18n/i18n.js'

/** Every rule the server may name, in words: a new rule fails to compile until it is here. */
const ruleMessages: Record<MediationRule, MessageKey> = {
  agreement_signed: 'agreement.rule.agreement_signed',
  agreement_amended: 'agreement.rule.agreement_amended',
  not_signed: 'agreement.rule.not_signed',
  party_already_signed: 'agreement.rule.party_already_signed',
  text_changed: 'agreement.rule.text_changed',
  amends_unsigned: 'agreement.rule.amends_unsigned',
  already_amended: 'agreement.rule.already_amended',
  no_parties: 'agreement.rule.no_parties',
  member_of_two_parties: 'agreement.rule.member_of_two_parties',
  mediator_not_party: 'agreement.rule.mediator_not_party',
  caucus_closed: 'agreement.rule.caucus_closed',
  not_mediation: 'agreement.rule.not_mediation',
}

/** What to tell the person when the server refuses an agreement request. */
export const explainAgreementError = (t: Translate, error: unknown): string => {
  const rule = mediationRuleOf(error)
  if (rule) return t(ruleMessages[rule])
  if (error instanceof ApiError) {
    if (error.code === 'offline') return t('common.offline')
    if (error.code === 'forbidden') return t('agreement.forbidden')
    if (error.code === 'bad_request') return t('agreement.invalid')
    if (error.code === 'not_found') return t('agreement.gone')
  }
  return t('common.actionFailed')
}

/** The fields of a term the server may find wrong. */
export type TermField = 'text' | 'ownerId' | 'dueDate'
const TermFieldSchema = z.enum(['text', 'ownerId', 'dueDate'])

/** What is wrong with one term, field by field. */
export type TermProblems = Partial<Record<TermField, string>>

const Details = z.array(z.object({ path: z.string(), message: z.string() }))

/**
 * The terms a refused (400) agreement names in its `details` (`terms.<index>.<field>`), by
 * index, each field with what to tell the person. Empty when the refusal names no term.
 */
export const termProblemsOf = (t: Translate, error: unknown): Map<number, TermProblems> => {
  const problems = new Map<number, TermProblems>()
  if (!(error instanceof ApiError) || error.code !== 'bad_request') return problems
  const details = Details.safeParse(error.details)
  if (!details.success) return problems
  for (const { path } of details.data) {
    const [head, index, name] = path.split('.')
    const field = TermFieldSchema.safeParse(name)
    if (head !== 'terms' || !index || !/^\d+$/.test(index) || !field.success) continue
    const term = problems.get(Number(index)) ?? {}
    term[field.data] =
      field.data === 'ownerId' ? t('agreement.problem.owner') : t('agreement.problem.field')
    problems.set(Number(index), term)
  }
  return problems
}
