import type { DueDelivery } from '../../../../shared/src/schema/stored.js'
import { OutboxLoop } from '../outbox-loop.js'
import type { Stores } from '../ports.js'
import type { WebhookTransport } from './ports.js'
import { webhookSignature } from './webhook-signature.js'

/** Deliveries one look sends at most (together); more wait for the next look. */
const batch = 20

export interface DispatcherOptions {
  retryBaseMs: number
  /** How long a claimed attempt is this sender's: past it (the node died) another sends again. */
  claimMs: number
  maxAttempts: number
  pollMs: number
  failed(error: unknown): void
}

/**
 * Sends what the outbox holds: every `pollMs`, and at once when something new is queued. Each
 * attempt is stored (its answer, the next attempt's time), so a restart resumes where it was.
 * A failed attempt waits `retryBaseMs` × 2^(attempts − 1); after `maxAttempts` the delivery is
 * failed for good. The address is checked again before every attempt (DNS may have changed).
 */
export class WebhookDispatcher extends OutboxLoop {
  constructor(
    private readonly stores: Stores,
    private readonly transport: WebhookTransport,
    private readonly options: DispatcherOptions,
  ) {
    super(options)
  }

  protected async look(): Promise<boolean> {
    const due = await this.stores.webhooks.due(Date.now(), batch)
    await Promise.all(due.map((delivery) => this.#attempt(delivery)))
    return due.length === batch
  }

  async #attempt(delivery: DueDelivery): Promise<void> {
    // Another node may have seen it due too; the one that claims it sends. Should this node die
    // while sending, the claim runs out and another sends again, with the same webhook-id.
    if (!(await this.stores.webhooks.claim(delivery, Date.now() + this.options.claimMs))) return
    const timestamp = Math.floor(Date.now() / 1000)
    let lastStatus: number | null = null
    let lastError: string | null = null
    const refusal = await this.transport.refusal(delivery.url)
    if (refusal) {
      lastError = `refused: ${refusal}`
    } else {
      try {
        lastStatus = await this.transport.post(
          delivery.url,
          {
            'content-type': 'application/json',
            'webhook-id': delivery.id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': webhookSignature(
              delivery.secrets,
              delivery.id,
              timestamp,
              delivery.payload,
            ),
          },
          delivery.payload,
        )
        if (lastStatus < 200 || lastStatus > 299) lastError = `answered ${lastStatus}`
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error)
      }
    }
    const attempts = delivery.attempts + 1
    const delivered = lastError === null
    const givenUp = !delivered && attempts >= this.options.maxAttempts
    const now = Date.now()
    await this.stores.webhooks.attempted(delivery.id, {
      status: delivered ? 'delivered' : givenUp ? 'failed' : 'pending',
      attempts,
      lastStatus,
      lastError: lastError?.slice(0, 500) ?? null,
      nextAt: delivered || givenUp ? null : now + this.options.retryBaseMs * 2 ** (attempts - 1),
      at: new Date(now).toISOString(),
    })
  }
}
