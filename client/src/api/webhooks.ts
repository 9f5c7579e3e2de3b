import { z } from 'zod'
import {
  CreatedWebhook,
  type CreateWebhookBody,
  RolledWebhookSecret,
  Webhook,
  WebhookDelivery,
} from '../../../shared/src/schema/webhook.js'
import { request } from './http.js'

const base = (workspaceId: string) => `/api/workspaces/${workspaceId}/webhooks`

export const fetchWebhooks = async (workspaceId: string) =>
  (await request('GET', base(workspaceId), z.object({ webhooks: z.array(Webhook) }))).webhooks

export const registerWebhook = (workspaceId: string, body: CreateWebhookBody) =>
  request('POST', base(workspaceId), CreatedWebhook, body)

export const removeWebhook = (workspaceId: string, webhookId: string) =>
  request('DELETE', `${base(workspaceId)}/${webhookId}`, z.undefined())

export const fetchDeliveries = async (workspaceId: string, webhookId: string) =>
  (
    await request(
      'GET',
      `${base(workspaceId)}/${webhookId}/deliveries`,
      z.object({ deliveries: z.array(WebhookDelivery) }),
    )
  ).deliveries

export const rollWebhookSecret = (workspaceId: string, webhookId: string) =>
  request('POST', `${base(workspaceId)}/${webhookId}/secret`, RolledWebhookSecret)

export const redeliver = (workspaceId: string, webhookId: string, deliveryId: string) =>
  request(
    'POST',
    `${base(workspaceId)}/${webhookId}/deliveries/${deliveryId}/redeliver`,
    WebhookDelivery,
  )
