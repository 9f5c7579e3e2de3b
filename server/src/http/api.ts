import type { OpenAPIHono } from '@hono/zod-openapi'
import { html } from 'hono/html'
import { type ApiServices, createApiRouter } from './api-context.js'
import { registerAgreementRoutes } from './routes/agreement-routes.js'
import { registerDocumentRoutes } from './routes/document-routes.js'
import { registerInviteRoutes } from './routes/invite-routes.js'
import { registerMediationRoutes } from './routes/mediation-routes.js'
import { registerRecordRoutes } from './routes/record-routes.js'
import { registerSessionRoutes } from './routes/session-routes.js'
import { registerVersionRoutes } from './routes/version-routes.js'
import { registerWorkspaceRoutes } from './routes/workspace-routes.js'

const openApiInfo = {
  openapi: '3.1.0',
  info: {
    title: 'Mufakat API',
    version: '1',
    description:
      'Send `Authorization: Bearer <token>` on every call (browsers use the HttpOnly cookie instead). Errors are `{ "error": { "code", "message", "details" } }`. Live state syncs over `ws://HOST/sync/<room>?token=<token>` with the y-websocket protocol.',
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

/** The REST API: every route validated by a zod schema that also documents it. */
export const createApi = (services: ApiServices): OpenAPIHono => {
  const api = createApiRouter()
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  })
  registerWorkspaceRoutes(api, services)
  registerInviteRoutes(api, services)
  registerDocumentRoutes(api, services)
  registerVersionRoutes(api, services)
  registerSessionRoutes(api, services)
  registerRecordRoutes(api, services)
  registerMediationRoutes(api, services)
  registerAgreementRoutes(api, services)
  api.doc31('/api/openapi.json', openApiInfo)
  api.get('/api/reference', (c) => c.html(referencePage(api.getOpenAPI31Document(openApiInfo))))
  return api
}
