import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { ApprovedText } from '../../../../shared/src/schema/approved-text.js'
import { EntityId } from '../../../../shared/src/schema/mediation.js'
import {
  Publication,
  PublicationPreviewQuery,
  PublicFeed,
  PublishBody,
} from '../../../../shared/src/schema/publication.js'
import { ChainRecord, RecordPeople } from '../../../../shared/src/schema/record-chain.js'
import {
  ChainVerification,
  DecisionRecord,
  RecordDecisionBody,
} from '../../../../shared/src/schema/session.js'
import { type ApiServices, authErrors, bearerSecurity, jsonContent } from '../api-context.js'
import { requestToken } from '../credentials.js'

const WorkspaceParams = z.object({ id: EntityId })

/** The workspace's record chain (decisions and signed agreements) and its public page. */
export const registerRecordRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, sessions, chain, recordCheck, publicRecord, approvedTexts } = services
  const base = (url: string) => services.publicUrl ?? new URL(url).origin

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/decisions',
      tags: ['records'],
      summary: 'The decision records of the workspace, in chain order',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: {
        200: jsonContent(
          z.object({ decisions: z.array(DecisionRecord), people: RecordPeople }),
          'Decisions, and the name shown for each person commitment in them',
        ),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await access.member(requestToken(c, id), id)
      return c.json({ decisions: await chain.decisions(id), people: await chain.people(id) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/decisions/{decisionId}/approved-text',
      tags: ['records'],
      summary: 'The plan text a decision approved, and how today’s plan differs from it',
      description:
        'The version frozen when the proposal was opened (`content`, whose RFC 8785 JSON hashes to the record’s `contentHash`) and the changes from it to the live plan. 404 when the decision approved no version of a plan.',
      security: bearerSecurity,
      request: { params: WorkspaceParams.extend({ decisionId: EntityId }) },
      responses: { 200: jsonContent(ApprovedText, 'The approved text'), ...authErrors },
    }),
    async (c) => {
      const { id, decisionId } = c.req.valid('param')
      await access.member(requestToken(c, id), id)
      return c.json(await approvedTexts.ofDecision(id, decisionId), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/workspaces/{id}/decisions',
      tags: ['records'],
      summary: 'Record a decision directly (facilitator)',
      security: bearerSecurity,
      request: {
        params: WorkspaceParams,
        body: { ...jsonContent(RecordDecisionBody, 'The decision'), required: true },
      },
      responses: {
        201: jsonContent(z.object({ decision: DecisionRecord }), 'Recorded'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, ['facilitator'], 'record decisions')
      return c.json({ decision: await sessions.recordDecision(actor, c.req.valid('json')) }, 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/records',
      tags: ['records'],
      summary: 'The whole record chain: decisions and signed agreements, in chain order',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: {
        200: jsonContent(
          z.object({ records: z.array(ChainRecord), people: RecordPeople }),
          'Records, and the name shown for each person commitment in them',
        ),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await access.member(requestToken(c, id), id)
      return c.json({ records: await chain.list(id), people: await chain.people(id) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/records/verify',
      tags: ['records'],
      summary:
        'Recompute the hash chain and check every signed agreement’s rows against it: {ok, count, head} or the first record that does not match',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: { 200: jsonContent(ChainVerification, 'The verification'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await access.member(requestToken(c, id), id)
      return c.json(await recordCheck.verify(id), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/publication',
      tags: ['records'],
      summary: 'Whether the record is public, and where',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: { 200: jsonContent(Publication, 'The publication'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await access.member(requestToken(c, id), id)
      return c.json(await publicRecord.settings(id, base(c.req.url)), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'put',
      path: '/api/workspaces/{id}/publication',
      tags: ['records'],
      summary: 'Publish the record, named or anonymised, or withdraw it (facilitator)',
      description:
        'Publishes decisions and signed agreements with the chain verification at a public page and JSON feed; caucus content never. Changing only `anonymised` keeps the link; withdrawing and publishing again makes a new one.',
      security: bearerSecurity,
      request: {
        params: WorkspaceParams,
        body: { ...jsonContent(PublishBody, 'The choice'), required: true },
      },
      responses: { 200: jsonContent(Publication, 'The publication'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, ['facilitator'], 'publish the record')
      return c.json(await publicRecord.set(actor, c.req.valid('json'), base(c.req.url)), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/publication/preview',
      tags: ['records'],
      summary: 'Exactly what publishing would make public, named or anonymised (facilitator)',
      security: bearerSecurity,
      request: { params: WorkspaceParams, query: PublicationPreviewQuery },
      responses: { 200: jsonContent(PublicFeed, 'What would be public'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, ['facilitator'], 'preview the public record')
      const { anonymised } = c.req.valid('query')
      return c.json(await publicRecord.preview(id, anonymised === 'true'), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/{publicId}',
      tags: ['records'],
      summary: 'The public record (no token): records, chain verification, term follow-up',
      request: { params: z.object({ publicId: EntityId }) },
      responses: {
        200: jsonContent(PublicFeed, 'The public record'),
        404: authErrors[404],
      },
    }),
    async (c) => {
      c.header('Access-Control-Allow-Origin', '*')
      return c.json(await publicRecord.feed(c.req.valid('param').publicId), 200)
    },
  )
}
