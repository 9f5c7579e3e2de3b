import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import {
  SessionBalanceSummary,
  SessionEdits,
} from '../../../../shared/src/schema/session-balance.js'
import {
  type ApiServices,
  actorOn,
  authErrors,
  bearerSecurity,
  jsonContent,
} from '../api-context.js'
import { requestToken } from '../credentials.js'

const WorkspaceParams = z.object({ id: z.string().min(1).max(64) })
const SessionParams = z.object({ sessionId: z.string().min(1).max(64) })

/** The balance of voice beyond the session room: plan edits, and every session's balance. */
export const registerBalanceRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, sessions, balances } = services

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/sessions/{sessionId}/edits',
      tags: ['sessions'],
      summary: 'Plan text added and removed while the session ran, by the writers’ groups then',
      security: bearerSecurity,
      request: { params: SessionParams },
      responses: { 200: jsonContent(SessionEdits, 'Characters per group'), ...authErrors },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      const actor = await actorOn(access, c, await sessions.workspaceOf(sessionId), 'session')
      return c.json(await balances.edits(actor.workspaceId, sessionId), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/balance',
      tags: ['sessions'],
      summary: 'The balance of voice of every session of the workspace',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: {
        200: jsonContent(
          z.object({ sessions: z.array(SessionBalanceSummary) }),
          'Per session, what its balance is computed from',
        ),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await access.member(requestToken(c, id), id)
      return c.json({ sessions: await balances.ofWorkspace(id) }, 200)
    },
  )
}
