import { z } from 'zod'

/** What a workspace's webhooks may be told of. */
export const WebhookEvent = z.enum([
  'decision.recorded',
  'agreement.signed',
  'term.status_changed',
  'version.saved',
])
export type WebhookEvent = z.infer<typeof WebhookEvent>

export const Webhook = z.object({
  id: z.string(),
  workspaceId: z.string(),
  url: z.string(),
  events: z.array(WebhookEvent),
  createdBy: z.string(),
  createdAt: z.string(),
  /** While a rolled secret still signs beside the new one: until when (ISO); otherwise null. */
  previousSecretUntil: z.string().nullable(),
})
export type Webhook = z.infer<typeof Webhook>

export const CreateWebhookBody = z.strictObject({
  url: z
    .string()
    .max(2000)
    .url()
    .refine((url) => /^https?:\/\//i.test(url), 'only http and https URLs'),
  events: z.array(WebhookEvent).min(1).max(WebhookEvent.options.length),
})
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>

/** The secret is shown once, at registration: receivers check signatures with it. */
export const CreatedWebhook = z.object({ webhook: Webhook, secret: z.string() })
export type CreatedWebhook = z.infer<typeof CreatedWebhook>

/** A rolled secret, shown once; `webhook.previousSecretUntil` says how long the old one holds. */
export const RolledWebhookSecret = CreatedWebhook
export type RolledWebhookSecret = CreatedWebhook

export const DeliveryStatus = z.enum(['pending', 'delivered', 'failed'])
export type DeliveryStatus = z.infer<typeof DeliveryStatus>

/** One event sent (or being sent) to one hook, with how its attempts went. */
export const WebhookDelivery = z.object({
  id: z.string(),
  webhookId: z.string(),
  event: WebhookEvent,
  status: DeliveryStatus,
  attempts: z.number().int(),
  /** The receiver's last HTTP status; null before any answer (or when none came). */
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** When the next attempt is due, while pending. */
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
})
export type WebhookDelivery = z.infer<typeof WebhookDelivery>
