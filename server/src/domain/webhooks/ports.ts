import type {
  DeliveryAttempt,
  DueDelivery,
  NewDelivery,
  StoredWebhook,
} from '../../../../shared/src/schema/stored.js'
import type { Webhook, WebhookDelivery } from '../../../../shared/src/schema/webhook.js'

/* What webhooks need of storage and of the network, in the domain's own words. */

export interface WebhookRepository {
  insert(hook: StoredWebhook): Promise<void>
  list(workspaceId: string): Promise<Webhook[]>
  find(id: string): Promise<Webhook | undefined>
  remove(id: string): Promise<void>
  roll(id: string, secret: string, previousUntil: number): Promise<void>
  enqueue(delivery: NewDelivery): Promise<void>
  due(now: number, limit: number): Promise<DueDelivery[]>
  /**
   * Takes a due delivery for one attempt: moves its next attempt to `until` unless another
   * sender (another node) already did; true when this sender has it.
   */
  claim(delivery: DueDelivery, until: number): Promise<boolean>
  attempted(id: string, outcome: DeliveryAttempt): Promise<void>
  deliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]>
  delivery(webhookId: string, id: string): Promise<WebhookDelivery | undefined>
  redeliver(webhookId: string, id: string, now: number): Promise<boolean>
}

/** The network, as webhooks reach it (server/src/outbound/ implements it). */
export interface WebhookTransport {
  /** Why the server must not send to `url` (a private or loopback address…), or undefined. */
  refusal(url: string): Promise<string | undefined>
  /** POSTs `body` with `headers`; answers the status, or throws when no answer came. */
  post(url: string, headers: Record<string, string>, body: string): Promise<number>
}
