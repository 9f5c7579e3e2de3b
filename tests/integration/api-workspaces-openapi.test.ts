import { describe, expect, it } from 'vitest'
import { call, documentedRoutes, expectError, ok } from '../helpers/api-cases.js'
import type { TestServer } from '../helpers/server.js'
import type { Site } from '../helpers/site.js'
import { useWorkspaceApi } from '../helpers/workspace-api.js'

describe('workspace API', () => {
  let server: TestServer
  /** Another workspace on the same server: its token must open nothing here. */
  let other: Site
  useWorkspaceApi((api) => ({ server, other } = api))

  describe('OpenAPI and the reference page', () => {
    it('GET /api/openapi.json is OpenAPI 3.1 and documents every route', async () => {
      const answer = await call(server, 'GET', '/api/openapi.json')
      const document = ok<{
        openapi: string
        info: { title: string }
        paths: Record<
          string,
          Record<
            string,
            { summary?: string; responses?: Record<string, unknown>; security?: unknown }
          >
        >
      }>(answer)
      expect(document.openapi).toMatch(/^3\.1\./)
      expect(document.info.title).toBe('Mufakat API')
      for (const [method, route] of documentedRoutes) {
        const operation = document.paths[route]?.[method]
        expect(operation, `${method.toUpperCase()} ${route} is documented`).toBeDefined()
        expect(operation?.summary?.length, `${method} ${route} has a summary`).toBeGreaterThan(0)
        expect(
          Object.keys(operation?.responses ?? {}),
          `${method} ${route} answers`,
        ).not.toHaveLength(0)
      }
      // Every status these tests saw a route answer is documented for it.
      const publicRoutes = new Set([
        'post /api/workspaces',
        'delete /api/workspaces/{id}/session',
        'get /api/invites/{code}',
        'post /api/invites/{code}/accept',
      ])
      const extra: Record<string, string[]> = {
        'post /api/workspaces': ['201', '401', '429'],
        'delete /api/workspaces/{id}': ['204'],
        'delete /api/workspaces/{id}/session': ['204'],
        'patch /api/workspaces/{id}/participants/{participantId}': ['409'],
        'delete /api/workspaces/{id}/participants/{participantId}': ['204', '409'],
        'post /api/workspaces/{id}/invites': ['201'],
        'delete /api/workspaces/{id}/invites/{code}': ['204'],
        'get /api/invites/{code}': ['200', '404', '410'],
        'post /api/invites/{code}/accept': ['201', '404', '410', '429'],
        'post /api/workspaces/{id}/documents': ['201'],
      }
      for (const [method, route] of documentedRoutes) {
        const key = `${method} ${route}`
        const operation = document.paths[route]?.[method]
        const statuses = Object.keys(operation?.responses ?? {})
        const expected = [
          '400',
          ...(publicRoutes.has(key) ? [] : ['401', '403', '404']),
          ...(extra[key] ?? ['200']),
        ]
        expect(statuses, key).toEqual(expect.arrayContaining(expected))
        if (!publicRoutes.has(key)) expect(operation?.security, key).toEqual([{ bearer: [] }])
      }
    })

    it('GET /api/reference lists every route as HTML under a strict Content-Security-Policy', async () => {
      const answer = await call(server, 'GET', '/api/reference')
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toContain('text/html')
      const csp = answer.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toContain('unsafe-inline')
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
      expect(answer.text).not.toContain('<script')
      for (const [method, route] of documentedRoutes) {
        expect(answer.text).toContain(
          `<td><code>${method.toUpperCase()}</code></td><td><code>${route}</code></td>`,
        )
      }
    })

    it('answers unknown API routes with 404 in the error shape', async () => {
      for (const [method, route] of [
        ['GET', '/api/nothing-here'],
        ['POST', `/api/workspaces/${other.workspaceId}/nothing-here`],
        ['PUT', `/api/workspaces/${other.workspaceId}`],
        ['GET', '/api/invites'],
      ] as const) {
        expectError(await call(server, method, route, { token: other.token }), 404, 'not_found')
      }
    })
  })
})
