import type { OpenAPIHono } from '@hono/zod-openapi'
import { except } from 'hono/combine'
import { html } from 'hono/html'
import { type ApiServices, createApiRouter } from './api-context.js'
import { withClientAddress } from './client-address.js'
import { sessionCookiePolicy, withSessionCookiePolicy } from './credentials.js'
import { refuseCrossSite } from './cross-site.js'
import { rateLimit } from './rate-limit.js'
import { bodySizeLimit, credentialBeforeBody } from './request-bodies.js'
import { registerAgreementRoutes } from './routes/agreement-routes.js'
import { registerBalanceRoutes } from './routes/balance-routes.js'
import { registerDocumentRoutes } from './routes/document-routes.js'
import { registerInviteRoutes } from './routes/invite-routes.js'
import { registerLogRoutes } from './routes/log-routes.js'
import { registerMailRoutes } from './routes/mail-routes.js'
import { registerMediationRoutes } from './routes/mediation-routes.js'
import { registerNotificationRoutes } from './routes/notification-routes.js'
import { registerPollRoutes } from './routes/poll-routes.js'
import { registerRecordRoutes } from './routes/record-routes.js'
import { registerSessionRoutes } from './routes/session-routes.js'
import { registerSignInRoutes } from './routes/sign-in-routes.js'
import { registerVersionRoutes } from './routes/version-routes.js'
import { registerWebhookRoutes } from './routes/webhook-routes.js'
import { registerWorkspaceRoutes } from './routes/workspace-routes.js'
import { workspaceCreation } from './workspace-creation.js'

const openApiInfo = {
  openapi: '3.1.0',
  info: {
    title: 'Mufakat API',
    version: '1',
    description:
      'Send `Authorization: Bearer <token>` on every call (browsers use the HttpOnly cookie instead; a cookie-authenticated change from a page of another origin is 403). A body larger than its limit is 413; a body with a field the route does not know is 400. Errors are `{ "error": { "code", "message", "details" } }`. Live state syncs over `ws://HOST/sync/<room>?token=<token>` with the y-websocket protocol.',
  },
}

type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>
const methods = ['get', 'post', 'put', 'patch', 'delete'] as const

/** A readable, script-free page of every route, built from the same OpenAPI document. */
const referencePage = (document: OpenApiDocument) => {
  const rows = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const operation = item?.[method]
      return operation
        ? [
            html`<tr><td><code>${method.toUpperCase()}</code></td><td><code>${path}</code></td><td>${operation.summary ?? ''}</td></tr>`,
          ]
        : []
    }),
  )
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mufakat API reference</title></head>
<body><main><h1>Mufakat API</h1><p>${document.info.description ?? ''}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<table><thead><tr><th>method</th><th>path</th><th>what</th></tr></thead><tbody>${rows}</tbody></table>
</main></body></html>`
}

/** The only calls that take a body from a caller without a token. */
const anonymousBodies = ['/api/workspaces', '/api/invites/:code/accept', '/api/sign-in']
/** Routes whose bodies may be larger than the default limit. */
const agreementDrafts = ['/api/sessions/:sessionId/agreements', '/api/agreements/:agreementId']

/**
 * What every API request passes before its route reads anything: the origin check, then (for a
 * body) a valid token and the size limit, so an anonymous or oversized body is never read.
 */
const guardRequests = (api: OpenAPIHono, services: ApiServices): void => {
  api.use('/api/*', withSessionCookiePolicy(sessionCookiePolicy(services.publicUrl)))
  api.use('/api/*', refuseCrossSite(services.originPolicy))
  api.use('/api/*', withClientAddress(services.trustedProxies))
  // The admin token (or, without one, the creation limit) comes before the body, like any token.
  api.post(
    '/api/workspaces',
    workspaceCreation({
      adminToken: services.adminToken,
      perHour: services.limits.workspacesPerHour,
      windows: services.requestWindows,
    }),
  )
  // Anyone with a public link may read, without a token: a script must not keep the server busy
  // for everyone (a whole workshop behind one NAT reads a page in a few requests each).
  api.use(
    '/api/public/*',
    rateLimit({
      windows: services.requestWindows,
      limit: services.limits.publicReadsPerMinute,
      windowMs: 60_000,
      what: 'the public record',
      counts: () => true,
    }),
  )
  api.on(
    ['POST', 'PUT', 'PATCH'],
    '/api/*',
    except(anonymousBodies, credentialBeforeBody(services.access)),
  )
  api.use('/api/*', except(agreementDrafts, bodySizeLimit(services.limits.bodyBytes)))
  for (const path of agreementDrafts) {
    api.use(path, bodySizeLimit(services.limits.agreementBodyBytes))
  }
}

/** The REST API: every route validated by a zod schema that also documents it. */
export const createApi = (services: ApiServices): OpenAPIHono => {
  const api = createApiRouter()
  guardRequests(api, services)
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  })
  registerWorkspaceRoutes(api, services)
  registerInviteRoutes(api, services)
  registerSignInRoutes(api, services)
  registerDocumentRoutes(api, services)
  registerVersionRoutes(api, services)
  registerSessionRoutes(api, services)
  registerPollRoutes(api, services)
  registerBalanceRoutes(api, services)
  registerRecordRoutes(api, services)
  registerLogRoutes(api, services)
  registerMediationRoutes(api, services)
  registerAgreementRoutes(api, services)
  registerNotificationRoutes(api, services)
  registerWebhookRoutes(api, services)
  registerMailRoutes(api, services)
  api.doc31('/api/openapi.json', openApiInfo)
  api.get('/api/reference', (c) => c.html(referencePage(api.getOpenAPI31Document(openApiInfo))))
  return api
}
