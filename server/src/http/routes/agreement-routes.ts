import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  Agreement,
  DraftAgreementBody,
  EditAgreementBody,
  EntityId,
  SignBody,
  TermStatusBody,
} from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import {
  type ApiServices,
  actorOn,
  authErrors,
  bearerSecurity,
  conflictError,
  jsonContent,
} from '../api-context.js'
import { requestToken } from '../credentials.js'

const AgreementParams = z.object({ agreementId: EntityId })
const AgreementAnswer = z.object({ agreement: Agreement })
const AgreementList = z.object({ agreements: z.array(Agreement) })

/** Agreements: drafting, signing by each party, amendments, and follow-up of their terms. */
export const registerAgreementRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, sessions, agreements } = services
  const agreementActor = async (c: Context, agreementId: string): Promise<Participant> =>
    await actorOn(access, c, await agreements.workspaceOf(agreementId), 'agreement')

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/sessions/{sessionId}/agreements',
      tags: ['agreements'],
      summary: 'Draft an agreement between the parties, or an amendment (the mediator)',
      description:
        'Terms have an owner (a representative of a party, or the mediator) and a due date. With `amends`, the draft amends a signed agreement that has not been amended yet.',
      security: bearerSecurity,
      request: {
        params: z.object({ sessionId: EntityId }),
        body: { ...jsonContent(DraftAgreementBody, 'The draft'), required: true },
      },
      responses: { 201: jsonContent(AgreementAnswer, 'Drafted'), ...authErrors, ...conflictError },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      const actor = await actorOn(access, c, await sessions.workspaceOf(sessionId), 'session')
      return c.json(
        { agreement: await agreements.draft(actor, sessionId, c.req.valid('json')) },
        201,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/sessions/{sessionId}/agreements',
      tags: ['agreements'],
      summary: 'The agreements of a mediation',
      security: bearerSecurity,
      request: { params: z.object({ sessionId: EntityId }) },
      responses: { 200: jsonContent(AgreementList, 'Agreements'), ...authErrors },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      const actor = await actorOn(access, c, await sessions.workspaceOf(sessionId), 'session')
      return c.json({ agreements: await agreements.listBySession(actor, sessionId) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/agreements',
      tags: ['agreements'],
      summary: 'Every agreement of the workspace, drafts included',
      security: bearerSecurity,
      request: { params: z.object({ id: EntityId }) },
      responses: { 200: jsonContent(AgreementList, 'Agreements'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await access.member(requestToken(c, id), id)
      return c.json({ agreements: await agreements.listByWorkspace(id) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/agreements/{agreementId}',
      tags: ['agreements'],
      summary: 'An agreement: its text and hash, signatures, amendment and follow-up',
      security: bearerSecurity,
      request: { params: AgreementParams },
      responses: { 200: jsonContent(AgreementAnswer, 'The agreement'), ...authErrors },
    }),
    async (c) => {
      const { agreementId } = c.req.valid('param')
      const actor = await agreementActor(c, agreementId)
      return c.json({ agreement: await agreements.get(actor, agreementId) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/agreements/{agreementId}',
      tags: ['agreements'],
      summary: 'Change a draft (the mediator); signatures already given are withdrawn',
      description: 'A signed agreement never changes (409 `agreement_signed`): amend it instead.',
      security: bearerSecurity,
      request: {
        params: AgreementParams,
        body: { ...jsonContent(EditAgreementBody, 'The new draft'), required: true },
      },
      responses: { 200: jsonContent(AgreementAnswer, 'Changed'), ...authErrors, ...conflictError },
    }),
    async (c) => {
      const { agreementId } = c.req.valid('param')
      const actor = await agreementActor(c, agreementId)
      return c.json(
        { agreement: await agreements.edit(actor, agreementId, c.req.valid('json')) },
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/agreements/{agreementId}/signatures',
      tags: ['agreements'],
      summary:
        "Sign for your party, on the hash of the text you were shown (a party's representative)",
      description:
        'One signature per party. `textHash` must be the `textHash` of the current text (409 `text_changed` otherwise). The last party to sign makes the agreement signed: it joins the record chain and never changes again.',
      security: bearerSecurity,
      request: {
        params: AgreementParams,
        body: { ...jsonContent(SignBody, 'The signature'), required: true },
      },
      responses: { 200: jsonContent(AgreementAnswer, 'Signed'), ...authErrors, ...conflictError },
    }),
    async (c) => {
      const { agreementId } = c.req.valid('param')
      const actor = await agreementActor(c, agreementId)
      return c.json(
        { agreement: await agreements.sign(actor, agreementId, c.req.valid('json')) },
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/agreements/{agreementId}/terms/{termId}/status',
      tags: ['agreements'],
      summary:
        "Follow up a signed agreement's term: open, done or missed (its owner, the mediator)",
      security: bearerSecurity,
      request: {
        params: AgreementParams.extend({ termId: EntityId }),
        body: { ...jsonContent(TermStatusBody, 'The status'), required: true },
      },
      responses: { 200: jsonContent(AgreementAnswer, 'Updated'), ...authErrors, ...conflictError },
    }),
    async (c) => {
      const { agreementId, termId } = c.req.valid('param')
      const actor = await agreementActor(c, agreementId)
      const agreement = await agreements.setTermStatus(
        actor,
        agreementId,
        termId,
        c.req.valid('json'),
      )
      return c.json({ agreement }, 200)
    },
  )
}
