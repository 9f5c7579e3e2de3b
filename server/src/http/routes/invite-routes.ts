import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import {
  AcceptInviteBody,
  CreatedInvite,
  CreateInviteBody,
  Invite,
  InviteCode,
} from '../../../../shared/src/schema/invite.js'
import { Credentials, Workspace } from '../../../../shared/src/schema/workspace.js'
import {
  type ApiServices,
  authErrors,
  bearerSecurity,
  goneError,
  jsonContent,
  rateLimitedError,
} from '../api-context.js'
import { requestToken, setSessionCookie } from '../credentials.js'
import { rateLimit } from '../rate-limit.js'

const WorkspaceParams = z.object({ id: z.string().min(1).max(64) })
const CodeParams = z.object({ code: InviteCode })
const tags = ['invites']

const InvitePreview = z.object({
  workspace: Workspace.pick({ id: true, name: true, description: true }),
  invite: Invite.pick({ role: true, group: true, expiresAt: true }),
})

export const registerInviteRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, invites } = services

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/workspaces/{id}/invites',
      tags,
      summary: 'Invite people with a role (facilitator)',
      security: bearerSecurity,
      request: {
        params: WorkspaceParams,
        body: { ...jsonContent(CreateInviteBody, 'The invite'), required: true },
      },
      responses: {
        201: jsonContent(CreatedInvite, 'Created, with the link to share'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, ['facilitator'], 'invite people')
      const invite = await invites.create(actor, c.req.valid('json'))
      const base = services.publicUrl ?? new URL(c.req.url).origin
      return c.json({ invite, url: `${base.replace(/\/$/, '')}/join/${invite.code}` }, 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/invites',
      tags,
      summary: 'Every invite of the workspace, with its uses (facilitator)',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: {
        200: jsonContent(z.object({ invites: z.array(Invite) }), 'Invites'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, ['facilitator'], 'list invites')
      return c.json({ invites: await invites.list(id) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/workspaces/{id}/invites/{code}',
      tags,
      summary: 'Revoke an invite (facilitator); people who joined through it stay',
      security: bearerSecurity,
      request: { params: WorkspaceParams.extend({ code: InviteCode }) },
      responses: { 204: { description: 'Revoked' }, ...authErrors },
    }),
    async (c) => {
      const { id, code } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, ['facilitator'], 'revoke invites')
      await invites.revoke(actor, code)
      return c.body(null, 204)
    },
  )

  // What this limit guards is guessing codes, so only unknown codes count: a whole workshop
  // joining from behind one NAT address is never slowed down.
  const codeGuesses = rateLimit({
    windows: services.requestWindows,
    limit: services.limits.acceptsPerMinute,
    windowMs: 60_000,
    what: 'invites',
    counts: (status) => status === 404,
  })
  api.get('/api/invites/:code', codeGuesses)
  api.post('/api/invites/:code/accept', codeGuesses)
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/invites/{code}',
      tags,
      summary: 'What an invite leads to, before accepting it (no token needed)',
      request: { params: CodeParams },
      responses: {
        200: jsonContent(InvitePreview, 'The invite'),
        400: authErrors[400],
        404: authErrors[404],
        ...goneError,
        ...rateLimitedError,
      },
    }),
    async (c) => {
      const { invite, workspace } = await invites.preview(c.req.valid('param').code)
      return c.json(
        {
          workspace: { id: workspace.id, name: workspace.name, description: workspace.description },
          invite: { role: invite.role, group: invite.group, expiresAt: invite.expiresAt },
        },
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/invites/{code}/accept',
      tags,
      summary: 'Join a workspace through an invite',
      description:
        'Answers the new participant and their token (once), and sets the token as an HttpOnly cookie for the browser.',
      request: {
        params: CodeParams,
        body: { ...jsonContent(AcceptInviteBody, 'Who is joining'), required: true },
      },
      responses: {
        201: jsonContent(Credentials, 'Joined'),
        400: authErrors[400],
        404: authErrors[404],
        ...goneError,
        ...rateLimitedError,
      },
    }),
    async (c) => {
      const joined = await invites.accept(c.req.valid('param').code, c.req.valid('json'))
      setSessionCookie(c, joined.participant.workspaceId, joined.token)
      return c.json(joined, 201)
    },
  )
}
