import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import {
  CreateDocumentBody,
  PlanDocument,
  UpdateDocumentBody,
} from '../../../../shared/src/schema/document.js'
import { type ApiServices, authErrors, bearerSecurity, jsonContent } from '../api-context.js'
import { requestToken } from '../credentials.js'

const WorkspaceParams = z.object({ id: z.string().min(1).max(64) })
const DocumentParams = WorkspaceParams.extend({ documentId: z.string().min(1).max(64) })
const DocumentAnswer = z.object({ document: PlanDocument })
const tags = ['documents']

/** Writers create and rename documents; archiving is the facilitator's (it is audited). */
const writers = ['facilitator', 'mediator', 'stakeholder'] as const

export const registerDocumentRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, documents } = services

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/workspaces/{id}/documents',
      tags,
      summary: 'Create a document, blank or from a template (writers)',
      security: bearerSecurity,
      request: {
        params: WorkspaceParams,
        body: { ...jsonContent(CreateDocumentBody, 'The document'), required: true },
      },
      responses: { 201: jsonContent(DocumentAnswer, 'Created, with its rooms'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, writers, 'create documents')
      return c.json({ document: await documents.create(actor, c.req.valid('json')) }, 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/documents',
      tags,
      summary: 'The documents of the workspace, archived ones included (flagged)',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: {
        200: jsonContent(z.object({ documents: z.array(PlanDocument) }), 'Documents'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await access.member(requestToken(c, id), id)
      return c.json({ documents: await documents.list(id) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/documents/{documentId}',
      tags,
      summary: 'One document and its rooms',
      security: bearerSecurity,
      request: { params: DocumentParams },
      responses: { 200: jsonContent(DocumentAnswer, 'The document'), ...authErrors },
    }),
    async (c) => {
      const { id, documentId } = c.req.valid('param')
      await access.member(requestToken(c, id), id)
      return c.json({ document: await documents.get(id, documentId) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/workspaces/{id}/documents/{documentId}',
      tags,
      summary:
        'Rename (writers), archive and unarchive, or let commenters suggest (facilitator) a document',
      security: bearerSecurity,
      request: {
        params: DocumentParams,
        body: { ...jsonContent(UpdateDocumentBody, 'The change'), required: true },
      },
      responses: { 200: jsonContent(DocumentAnswer, 'Changed'), ...authErrors },
    }),
    async (c) => {
      const { id, documentId } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      const change = c.req.valid('json')
      access.requireRole(actor, writers, 'rename documents')
      if (change.archived !== undefined) {
        access.requireRole(actor, ['facilitator'], 'archive documents')
      }
      if (change.commentersMaySuggest !== undefined) {
        access.requireRole(actor, ['facilitator'], 'let commenters suggest')
      }
      return c.json({ document: await documents.update(actor, documentId, change) }, 200)
    },
  )
}
