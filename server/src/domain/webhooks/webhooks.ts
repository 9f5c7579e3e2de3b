import type { AuditAction } from '../../../../shared/src/schema/audit.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type { NewAuditEntry } from '../../../../shared/src/schema/stored.js'
import type {
  CreatedWebhook,
  CreateWebhookBody,
  Webhook,
  WebhookDelivery,
  WebhookEvent,
} from '../../../../shared/src/schema/webhook.js'
import { DomainError } from '../domain-error.js'
import { forbidden } from '../people-and-access/access-rule.js'
import { recordAudit } from '../people-and-access/audit.js'
import type { Stores, Transaction } from '../ports.js'
import { newId } from '../secrets.js'
import type { WebhookTransport } from './ports.js'
import { newWebhookSecret } from './webhook-signature.js'

/** The audited actions a webhook hears of, as its events. */
const eventOf: Partial<Record<NewAuditEntry['action'], WebhookEvent>> = {
  'decision.recorded': 'decision.recorded',
  'agreement.signed': 'agreement.signed',
  'term.status_changed': 'term.status_changed',
}

/**
 * Audits a change to a hook. Only the URL's host is recorded: a receiver's URL may hold its own
 * secret in its path or query (chat services' incoming hooks do), and the audit log is not a
 * place for secrets.
 */
const auditHook = async (
  tx: Transaction,
  actor: Participant,
  action: Extract<AuditAction, `webhook.${string}`>,
  hook: Pick<Webhook, 'id' | 'url'>,
  details: Record<string, unknown> = {},
): Promise<void> =>
  await recordAudit(tx, {
    workspaceId: actor.workspaceId,
    actorId: actor.id,
    action,
    target: hook.id,
    details: { host: new URL(hook.url).host, ...details },
  })

/** How many of a hook's deliveries its log shows: the newest. */
const shownDeliveries = 100

/** How long a rolled secret keeps signing beside the new one: a day to update the receiver. */
export const previousSecretHoldsMs = 24 * 60 * 60 * 1000

/**
 * A workspace's webhooks: facilitators register URLs for events; each event becomes a delivery
 * row (an outbox) in a unit of its own once the change has committed, and the dispatcher sends
 * it, signed, retrying with backoff.
 */
export class Webhooks {
  constructor(
    private readonly stores: Stores,
    private readonly transport: Pick<WebhookTransport, 'refusal'>,
    /** Asks the dispatcher to look for new deliveries now. */
    private readonly queued: () => void,
  ) {}

  #requireFacilitator(actor: Participant): void {
    if (actor.role !== 'facilitator') {
      throw forbidden('role_not_allowed', 'only a facilitator manages webhooks', actor.role)
    }
  }

  async register(actor: Participant, body: CreateWebhookBody): Promise<CreatedWebhook> {
    this.#requireFacilitator(actor)
    const refusal = await this.transport.refusal(body.url)
    if (refusal) {
      throw new DomainError('bad_request', `this webhook URL is refused: ${refusal}`, {
        field: 'url',
      })
    }
    const secret = newWebhookSecret()
    const webhook: Webhook = {
      id: newId(),
      workspaceId: actor.workspaceId,
      url: body.url,
      events: [...new Set(body.events)],
      createdBy: actor.id,
      createdAt: new Date().toISOString(),
      previousSecretUntil: null,
    }
    await this.stores.transaction(async (tx) => {
      await tx.webhooks.insert({ ...webhook, secret })
      await auditHook(tx, actor, 'webhook.registered', webhook, { events: webhook.events })
    })
    return { webhook, secret }
  }

  async list(actor: Participant): Promise<Webhook[]> {
    this.#requireFacilitator(actor)
    return await this.stores.webhooks.list(actor.workspaceId)
  }

  async #own(actor: Participant, webhookId: string): Promise<Webhook> {
    this.#requireFacilitator(actor)
    const hook = await this.stores.webhooks.find(webhookId)
    if (!hook || hook.workspaceId !== actor.workspaceId) {
      throw new DomainError('not_found', 'no such webhook')
    }
    return hook
  }

  async remove(actor: Participant, webhookId: string): Promise<void> {
    const hook = await this.#own(actor, webhookId)
    await this.stores.transaction(async (tx) => {
      await tx.webhooks.remove(webhookId)
      await auditHook(tx, actor, 'webhook.removed', hook)
    })
  }

  /**
   * A new secret for the hook, shown once; the old one signs beside it for a day, so the
   * receiver can be switched without refusing a delivery in between.
   */
  async rollSecret(actor: Participant, webhookId: string): Promise<CreatedWebhook> {
    const hook = await this.#own(actor, webhookId)
    const secret = newWebhookSecret()
    await this.stores.transaction(async (tx) => {
      await tx.webhooks.roll(webhookId, secret, Date.now() + previousSecretHoldsMs)
      await auditHook(tx, actor, 'webhook.secret_rolled', hook)
    })
    return { webhook: await this.#own(actor, webhookId), secret }
  }

  /**
   * Sends a delivery again (a failed one once the receiver is fixed, or a delivered one the
   * receiver lost), signed afresh, with the same webhook-id. One still being tried is a conflict.
   */
  async redeliver(
    actor: Participant,
    webhookId: string,
    deliveryId: string,
  ): Promise<WebhookDelivery> {
    const hook = await this.#own(actor, webhookId)
    const moved = await this.stores.transaction(async (tx) => {
      if (!(await tx.webhooks.delivery(webhookId, deliveryId))) {
        throw new DomainError('not_found', 'this webhook has no such delivery')
      }
      const again = await tx.webhooks.redeliver(webhookId, deliveryId, Date.now())
      if (again) await auditHook(tx, actor, 'webhook.redelivered', hook, { delivery: deliveryId })
      return again
    })
    if (!moved) throw new DomainError('conflict', 'this delivery is still being tried')
    this.queued()
    const delivery = await this.stores.webhooks.delivery(webhookId, deliveryId)
    if (!delivery) throw new DomainError('not_found', 'this webhook has no such delivery')
    return delivery
  }

  async deliveries(actor: Participant, webhookId: string): Promise<WebhookDelivery[]> {
    await this.#own(actor, webhookId)
    return await this.stores.webhooks.deliveries(webhookId, shownDeliveries)
  }

  /** Hears a committed audit entry; the actions hooks may hear of become deliveries. */
  async heard(entry: NewAuditEntry): Promise<void> {
    const event = eventOf[entry.action]
    if (!event) return
    await this.publish(entry.workspaceId, event, { id: entry.target, ...entry.details })
  }

  /** Queues `event` for every hook of the workspace that listens for it. */
  async publish(workspaceId: string, event: WebhookEvent, data: object): Promise<void> {
    const hooks = (await this.stores.webhooks.list(workspaceId)).filter((hook) =>
      hook.events.includes(event),
    )
    if (hooks.length === 0) return
    const now = new Date()
    const payload = JSON.stringify({
      type: event,
      timestamp: now.toISOString(),
      data: { workspaceId, ...data },
    })
    await this.stores.transaction(async (tx) => {
      for (const hook of hooks) {
        await tx.webhooks.enqueue({
          id: `msg_${newId()}`,
          webhookId: hook.id,
          event,
          payload,
          createdAt: now.toISOString(),
          dueAt: now.getTime(),
        })
      }
      void tx.afterCommit(() => this.queued())
    })
  }
}
