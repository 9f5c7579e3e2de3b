import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { PollCommand, PollView } from '../../../../shared/src/schema/poll.js'
import {
  type ApiServices,
  actorOn,
  authErrors,
  bearerSecurity,
  conflictError,
  jsonContent,
} from '../api-context.js'

const SessionParams = z.object({ sessionId: z.string().min(1).max(64) })

export const registerPollRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, sessions, polls } = services

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/sessions/{sessionId}/polls',
      tags: ['polls'],
      summary: "The session's polls, as everyone sees them",
      security: bearerSecurity,
      request: { params: SessionParams },
      responses: {
        200: jsonContent(z.object({ polls: z.array(PollView) }), 'Polls'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      const actor = await actorOn(access, c, await sessions.workspaceOf(sessionId), 'session')
      return c.json({ polls: await polls.list(actor, sessionId) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/sessions/{sessionId}/polls/commands',
      tags: ['polls'],
      summary: 'Open, answer, add an idea to, reveal or close a poll',
      description:
        'Checked against the role and the poll: a command that does not fit answers 409 with `details.rule`. An anonymous answer answers a `receipt`, the only way to change that answer later.',
      security: bearerSecurity,
      request: {
        params: SessionParams,
        body: { ...jsonContent(PollCommand, 'The command'), required: true },
      },
      responses: {
        200: jsonContent(
          z.object({ poll: PollView, receipt: z.string().optional() }),
          'The poll after the command',
        ),
        ...authErrors,
        ...conflictError,
      },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      const actor = await actorOn(access, c, await sessions.workspaceOf(sessionId), 'session')
      return c.json(await polls.command(actor, sessionId, c.req.valid('json')), 200)
    },
  )
}
