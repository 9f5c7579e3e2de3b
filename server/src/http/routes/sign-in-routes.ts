import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import {
  BeginSignInBody,
  BegunSignIn,
  SetWorkspaceSignInBody,
  WorkspaceSignIn,
} from '../../../../shared/src/schema/sign-in.js'
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
import { setSignInCookie, takeSignInCookie } from '../sign-in-cookie.js'

const WorkspaceParams = z.object({ id: z.string().min(1).max(64) })
const tags = ['sign-in']
const callbackPath = '/api/sign-in/callback'

/** What the provider sends back (other parameters, such as `iss`, pass through unread). */
const CallbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(256).optional(),
})

/**
 * Sign-in with the organisation's identity provider: whether a workspace accepts it, turning
 * that on or off, and the authorization code flow's two ends (begin, callback).
 */
export const registerSignInRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, signIns } = services
  const base = (url: string) => (services.publicUrl ?? new URL(url).origin).replace(/\/$/, '')

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/sign-in',
      tags,
      summary: 'Whether the workspace accepts sign-in with the identity provider (no token needed)',
      request: { params: WorkspaceParams },
      responses: {
        200: jsonContent(WorkspaceSignIn, 'The provider, if any, and whether it is accepted'),
        400: authErrors[400],
        404: authErrors[404],
      },
    }),
    async (c) => c.json(await signIns.status(c.req.valid('param').id), 200),
  )

  api.openapi(
    createRoute({
      method: 'put',
      path: '/api/workspaces/{id}/sign-in',
      tags,
      summary: 'Accept sign-in with the identity provider, or stop (facilitator; audited)',
      security: bearerSecurity,
      request: {
        params: WorkspaceParams,
        body: { ...jsonContent(SetWorkspaceSignInBody, 'Accepted or not'), required: true },
      },
      responses: { 200: jsonContent(WorkspaceSignIn, 'Changed'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      access.requireRole(actor, ['facilitator'], 'choose how people sign in')
      return c.json(await signIns.setAccepted(actor, c.req.valid('json').accepted), 200)
    },
  )

  // Begun sign-ins guess nothing, but each stores a row: unknown workspaces and invites count.
  api.post(
    '/api/sign-in',
    rateLimit({
      windows: services.requestWindows,
      limit: services.limits.acceptsPerMinute,
      windowMs: 60_000,
      what: 'sign-in',
      counts: (status) => status === 404 || status === 201,
    }),
  )
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/sign-in',
      tags,
      summary: 'Begin signing in with the identity provider (through an invite the first time)',
      description:
        'Answers the provider URL to send the browser to, and sets a short-lived HttpOnly cookie that the callback checks along with `state`.',
      request: { body: { ...jsonContent(BeginSignInBody, 'Where to sign in'), required: true } },
      responses: {
        201: jsonContent(BegunSignIn, 'Begun'),
        400: authErrors[400],
        403: authErrors[403],
        404: authErrors[404],
        ...goneError,
        ...rateLimitedError,
      },
    }),
    async (c) => {
      const begun = await signIns.begin(c.req.valid('json'), `${base(c.req.url)}${callbackPath}`)
      setSignInCookie(c, begun.attemptId)
      return c.json({ url: begun.url }, 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: callbackPath,
      tags,
      summary: 'Where the identity provider sends the browser back (its redirect URI)',
      description:
        'Redirects to the workspace, signed in (the session cookie set), or to `/sign-in/failed/<reason>` with the reason named in docs/security.md.',
      request: { query: CallbackQuery },
      responses: { 303: { description: 'To the workspace, or to the page that says why not' } },
    }),
    async (c) => {
      const attemptId = takeSignInCookie(c)
      const answered = new URL(c.req.url)
      const callbackUrl = new URL(`${base(c.req.url)}${callbackPath}${answered.search}`)
      const outcome = await signIns.finish(attemptId, callbackUrl)
      if ('refused' in outcome) {
        return c.redirect(`${base(c.req.url)}/sign-in/failed/${outcome.refused}`, 303)
      }
      setSessionCookie(c, outcome.signedIn.workspaceId, outcome.token)
      return c.redirect(`${base(c.req.url)}/w/${outcome.signedIn.workspaceId}`, 303)
    },
  )
}
