import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { AuditEntry } from '../../../../shared/src/schema/audit.js'
import { Participant, UpdateParticipantBody } from '../../../../shared/src/schema/people.js'
import {
  CreatedWorkspace,
  CreateWorkspaceBody,
  Me,
  UpdateWorkspaceBody,
  Workspace,
} from '../../../../shared/src/schema/workspace.js'
import {
  type ApiServices,
  authErrors,
  bearerSecurity,
  conflictError,
  jsonContent,
  rateLimitedError,
} from '../api-context.js'
import { clearSessionCookie, requestToken, setSessionCookie } from '../credentials.js'

const WorkspaceParams = z.object({ id: z.string().min(1).max(64) })
const ParticipantParams = WorkspaceParams.extend({ participantId: z.string().min(1).max(64) })

const tags = ['workspaces']

export const registerWorkspaceRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, workspaces, agreements, chain } = services

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/workspaces',
      tags,
      summary: 'Create a workspace; the caller becomes its first facilitator',
      description:
        'When the server has ADMIN_TOKEN set, send it as `Authorization: Bearer`. The answer carries the facilitator token (once) and sets it as an HttpOnly cookie.',
      request: { body: { ...jsonContent(CreateWorkspaceBody, 'The workspace'), required: true } },
      responses: {
        201: jsonContent(CreatedWorkspace, 'Created'),
        400: authErrors[400],
        401: authErrors[401],
        ...rateLimitedError,
      },
    }),
    async (c) => {
      const created = await workspaces.create(c.req.valid('json'))
      setSessionCookie(c, created.workspace.id, created.token)
      return c.json(created, 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}',
      tags,
      summary: 'The workspace',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: {
        200: jsonContent(z.object({ workspace: Workspace }), 'The workspace'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await access.member(requestToken(c, id), id)
      return c.json({ workspace: await workspaces.get(id) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/workspaces/{id}',
      tags,
      summary: "Change the workspace's language (facilitator)",
      description:
        'Templates, stage names, version names, minutes and agreement texts made from now on are in it; texts already signed keep theirs.',
      security: bearerSecurity,
      request: {
        params: WorkspaceParams,
        body: { ...jsonContent(UpdateWorkspaceBody, 'The change'), required: true },
      },
      responses: {
        200: jsonContent(z.object({ workspace: Workspace }), 'Changed'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, ['facilitator'], 'change the workspace language')
      const { language } = c.req.valid('json')
      return c.json({ workspace: await workspaces.setLanguage(actor, language) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/me',
      tags,
      summary: 'Who the token belongs to in this workspace',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: { 200: jsonContent(Me, 'The caller'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const participant = await access.member(requestToken(c, id), id)
      return c.json({ workspace: await workspaces.get(id), participant }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/workspaces/{id}/session',
      tags,
      summary: 'Leave this workspace on this browser (clears the cookie)',
      request: { params: WorkspaceParams },
      responses: { 204: { description: 'Cleared' }, 400: authErrors[400] },
    }),
    (c) => {
      clearSessionCookie(c, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/participants',
      tags,
      summary: 'The people of the workspace',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: {
        200: jsonContent(z.object({ participants: z.array(Participant) }), 'Participants'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await access.member(requestToken(c, id), id)
      return c.json({ participants: await workspaces.participants(id) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/workspaces/{id}/participants/{participantId}',
      tags,
      summary: "Change a participant's role or group (facilitator)",
      security: bearerSecurity,
      request: {
        params: ParticipantParams,
        body: { ...jsonContent(UpdateParticipantBody, 'The change'), required: true },
      },
      responses: {
        200: jsonContent(z.object({ participant: Participant }), 'Changed'),
        ...authErrors,
        ...conflictError,
      },
    }),
    async (c) => {
      const { id, participantId } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, ['facilitator'], 'change roles')
      const participant = await workspaces.updateParticipant(
        actor,
        participantId,
        c.req.valid('json'),
      )
      return c.json({ participant }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/workspaces/{id}/participants/{participantId}',
      tags,
      summary: 'Remove a participant (facilitator); their token stops working at once',
      security: bearerSecurity,
      request: { params: ParticipantParams },
      responses: { 204: { description: 'Removed' }, ...authErrors, ...conflictError },
    }),
    async (c) => {
      const { id, participantId } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, ['facilitator'], 'remove people')
      await workspaces.remove(actor, participantId)
      return c.body(null, 204)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/audit',
      tags,
      summary: 'The audit log of privileged actions (facilitator)',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: {
        200: jsonContent(z.object({ entries: z.array(AuditEntry) }), 'Entries'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, ['facilitator'], 'read the audit log')
      return c.json({ entries: await workspaces.audit(id) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/export',
      tags,
      summary: 'Everything the workspace holds, as JSON (facilitator)',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: {
        200: jsonContent(z.record(z.string(), z.unknown()), 'The export'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, ['facilitator'], 'export the workspace')
      c.header('Content-Disposition', `attachment; filename="mufakat-${id}.json"`)
      const exported = await workspaces.export(actor, {
        agreements: await agreements.listByWorkspace(id),
        people: await chain.people(id),
      })
      return c.json(exported as unknown as Record<string, unknown>, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/workspaces/{id}',
      tags,
      summary: 'Delete the workspace with all its rows and rooms (facilitator)',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: { 204: { description: 'Deleted; nothing of it is left' }, ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, ['facilitator'], 'delete the workspace')
      await workspaces.delete(actor)
      clearSessionCookie(c, id)
      return c.body(null, 204)
    },
  )
}
