import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import {
  CreatedWebhook,
  CreateWebhookBody,
  RolledWebhookSecret,
  Webhook,
  WebhookDelivery,
} from '../../../../shared/src/schema/webhook.js'
import {
  type ApiServices,
  authErrors,
  bearerSecurity,
  conflictError,
  jsonContent,
} from '../api-context.js'
import { requestToken } from '../credentials.js'

const WorkspaceParams = z.object({ id: z.string().min(1).max(64) })
const WebhookParams = WorkspaceParams.extend({ webhookId: z.string().min(1).max(64) })
const DeliveryParams = WebhookParams.extend({ deliveryId: z.string().min(1).max(64) })

/**
 * A facilitator's webhooks: register, list, remove, roll a secret, each one's delivery log, and
 * sending a delivery again.
 */
export const registerWebhookRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, webhooks } = services
  const facilitator = (c: Parameters<typeof requestToken>[0], id: string) =>
    access.member(requestToken(c, id), id)

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/workspaces/{id}/webhooks',
      tags: ['webhooks'],
      summary: 'Registers a URL for events; the answer carries its signing secret, once',
      description:
        'A URL whose name resolves to a loopback or private address is refused (400) unless the server runs with WEBHOOK_ALLOW_PRIVATE=1.',
      security: bearerSecurity,
      request: {
        params: WorkspaceParams,
        body: { ...jsonContent(CreateWebhookBody, 'URL and events'), required: true },
      },
      responses: { 201: jsonContent(CreatedWebhook, 'Registered'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await facilitator(c, id)
      return c.json(await webhooks.register(actor, c.req.valid('json')), 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/webhooks',
      tags: ['webhooks'],
      summary: 'The workspace’s webhooks (without their secrets)',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: {
        200: jsonContent(z.object({ webhooks: z.array(Webhook) }), 'Oldest first'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      return c.json({ webhooks: await webhooks.list(await facilitator(c, id)) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/workspaces/{id}/webhooks/{webhookId}',
      tags: ['webhooks'],
      summary: 'Removes a webhook; its pending deliveries are not sent',
      security: bearerSecurity,
      request: { params: WebhookParams },
      responses: { 204: { description: 'Removed' }, ...authErrors },
    }),
    async (c) => {
      const { id, webhookId } = c.req.valid('param')
      await webhooks.remove(await facilitator(c, id), webhookId)
      return c.body(null, 204)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/webhooks/{webhookId}/deliveries',
      tags: ['webhooks'],
      summary: 'A webhook’s newest deliveries (100), with each one’s attempts and last answer',
      security: bearerSecurity,
      request: { params: WebhookParams },
      responses: {
        200: jsonContent(z.object({ deliveries: z.array(WebhookDelivery) }), 'Newest first'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id, webhookId } = c.req.valid('param')
      const deliveries = await webhooks.deliveries(await facilitator(c, id), webhookId)
      return c.json({ deliveries }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/workspaces/{id}/webhooks/{webhookId}/secret',
      tags: ['webhooks'],
      summary: 'Rolls a webhook’s signing secret; the answer carries the new one, once',
      description:
        'For 24 hours each delivery carries two signatures (Standard Webhooks, space-separated): one with the new secret, one with the old, so the receiver can be switched without refusing a delivery. `webhook.previousSecretUntil` says until when.',
      security: bearerSecurity,
      request: { params: WebhookParams },
      responses: { 200: jsonContent(RolledWebhookSecret, 'Rolled'), ...authErrors },
    }),
    async (c) => {
      const { id, webhookId } = c.req.valid('param')
      return c.json(await webhooks.rollSecret(await facilitator(c, id), webhookId), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/workspaces/{id}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver',
      tags: ['webhooks'],
      summary: 'Sends a failed or delivered delivery again, from its first attempt',
      description:
        'The same `webhook-id` as before, so a receiver that already has it can drop the repeat; signed afresh. 409 while the delivery is still being tried.',
      security: bearerSecurity,
      request: { params: DeliveryParams },
      responses: {
        202: jsonContent(WebhookDelivery, 'Queued again'),
        ...authErrors,
        ...conflictError,
      },
    }),
    async (c) => {
      const { id, webhookId, deliveryId } = c.req.valid('param')
      const actor = await facilitator(c, id)
      return c.json(await webhooks.redeliver(actor, webhookId, deliveryId), 202)
    },
  )
}
