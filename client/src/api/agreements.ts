import { z } from 'zod'
import {
  Agreement,
  type DraftAgreementBody,
  type EditAgreementBody,
  MediationRule,
  type SignBody,
  type TermStatusBody,
} from '../../../shared/src/schema/mediation.js'
import { ChainRecord } from '../../../shared/src/schema/record-chain.js'
import { ChainVerification } from '../../../shared/src/schema/session.js'
import { ApiError, request } from './http.js'

const agreementBase = (agreementId: string) => `/api/agreements/${encodeURIComponent(agreementId)}`
const AgreementAnswer = z.object({ agreement: Agreement })

export const fetchSessionAgreements = async (sessionId: string) =>
  (
    await request(
      'GET',
      `/api/sessions/${encodeURIComponent(sessionId)}/agreements`,
      z.object({ agreements: z.array(Agreement) }),
    )
  ).agreements

export const fetchWorkspaceAgreements = async (workspaceId: string) =>
  (
    await request(
      'GET',
      `/api/workspaces/${encodeURIComponent(workspaceId)}/agreements`,
      z.object({ agreements: z.array(Agreement) }),
    )
  ).agreements

export const fetchAgreement = async (agreementId: string) =>
  (await request('GET', agreementBase(agreementId), AgreementAnswer)).agreement

/** The mediator drafts an agreement between the session's parties (or an amendment). */
export const draftAgreement = async (sessionId: string, body: DraftAgreementBody) =>
  (
    await request(
      'POST',
      `/api/sessions/${encodeURIComponent(sessionId)}/agreements`,
      AgreementAnswer,
      body,
    )
  ).agreement

/** Edits a draft; signatures given to the earlier text are withdrawn. */
export const editAgreement = async (agreementId: string, body: EditAgreementBody) =>
  (await request('PATCH', agreementBase(agreementId), AgreementAnswer, body)).agreement

/** Signs for the caller's party: `textHash` is the hash of the text the caller was shown. */
export const signAgreement = async (agreementId: string, body: SignBody) =>
  (await request('POST', `${agreementBase(agreementId)}/signatures`, AgreementAnswer, body))
    .agreement

export const updateTermStatus = async (agreementId: string, termId: string, body: TermStatusBody) =>
  (
    await request(
      'POST',
      `${agreementBase(agreementId)}/terms/${encodeURIComponent(termId)}/status`,
      AgreementAnswer,
      body,
    )
  ).agreement

/** The workspace's record chain: decisions and signed agreements. */
export const fetchRecords = async (workspaceId: string) =>
  (
    await request(
      'GET',
      `/api/workspaces/${encodeURIComponent(workspaceId)}/records`,
      z.object({ records: z.array(ChainRecord) }),
    )
  ).records

export const verifyRecords = (workspaceId: string) =>
  request(
    'GET',
    `/api/workspaces/${encodeURIComponent(workspaceId)}/records/verify`,
    ChainVerification,
  )

/** The rule a refused agreement request broke (409), if it names one. */
export const mediationRuleOf = (error: unknown): MediationRule | undefined => {
  if (!(error instanceof ApiError)) return undefined
  const parsed = z.object({ rule: MediationRule }).safeParse(error.details)
  return parsed.success ? parsed.data.rule : undefined
}
