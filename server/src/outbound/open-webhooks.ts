import type { Config } from '../config.js'
import type { Stores } from '../domain/ports.js'
import { WebhookDispatcher } from '../domain/webhooks/webhook-dispatcher.js'
import { Webhooks } from '../domain/webhooks/webhooks.js'
import type { Logger } from '../observability/logger.js'
import { createWebhookTransport } from './webhook-transport.js'

/** Facilitators' webhooks as configured: what registers and queues them, and what sends them. */
export const openWebhooks = (
  config: Pick<
    Config,
    | 'WEBHOOK_ALLOW_PRIVATE'
    | 'WEBHOOK_TIMEOUT_MS'
    | 'WEBHOOK_RETRY_BASE_MS'
    | 'WEBHOOK_MAX_ATTEMPTS'
    | 'WEBHOOK_POLL_MS'
  >,
  stores: Stores,
  logger: Logger,
): { webhooks: Webhooks; dispatcher: WebhookDispatcher } => {
  const transport = createWebhookTransport({
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE === '1',
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
  })
  const dispatcher = new WebhookDispatcher(stores, transport, {
    retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
    // Longer than one attempt can take, so a live sender's claim never runs out under it.
    claimMs: 2 * config.WEBHOOK_TIMEOUT_MS + 1000,
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    pollMs: config.WEBHOOK_POLL_MS,
    failed: (error) => logger.warn({ err: error }, 'sending webhooks failed'),
  })
  return { webhooks: new Webhooks(stores, transport, () => dispatcher.kick()), dispatcher }
}
