import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { MarkReadBody, NotificationList } from '../../../../shared/src/schema/notification.js'
import { type ApiServices, authErrors, bearerSecurity, jsonContent } from '../api-context.js'
import { requestToken } from '../credentials.js'

const WorkspaceParams = z.object({ id: z.string().min(1).max(64) })

/** The caller's own notifications: nobody reads or marks another person's. */
export const registerNotificationRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, notifications } = services

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/notifications',
      tags: ['notifications'],
      summary: 'The caller’s newest notifications (50), and how many are unread',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: { 200: jsonContent(NotificationList, 'Newest first'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      return c.json(await notifications.list(actor), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/workspaces/{id}/notifications/read',
      tags: ['notifications'],
      summary: 'Marks the caller’s notifications read: those in `ids`, or all without it',
      security: bearerSecurity,
      request: {
        params: WorkspaceParams,
        body: { ...jsonContent(MarkReadBody, 'Which'), required: true },
      },
      responses: { 200: jsonContent(NotificationList, 'The list after'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      return c.json(await notifications.markRead(actor, c.req.valid('json')), 200)
    },
  )
}
