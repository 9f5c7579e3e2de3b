import type { Selectable } from 'kysely'
import type {
  DeliveryAttempt,
  DueDelivery,
  NewDelivery,
  StoredWebhook,
} from '../../../../shared/src/schema/stored.js'
import {
  DeliveryStatus,
  type Webhook,
  type WebhookDelivery,
  WebhookEvent,
} from '../../../../shared/src/schema/webhook.js'
import type { Queries, WebhookDeliveryTable, WebhookTable } from '../schema.js'

const toWebhook = (row: Selectable<WebhookTable>): Webhook => ({
  id: row.id,
  workspaceId: row.workspace_id,
  url: row.url,
  events: WebhookEvent.array().parse(JSON.parse(row.events)),
  createdBy: row.created_by,
  createdAt: row.created_at,
  previousSecretUntil:
    row.previous_secret !== null && Number(row.previous_secret_until) > Date.now()
      ? new Date(Number(row.previous_secret_until)).toISOString()
      : null,
})

const toDelivery = (row: Selectable<WebhookDeliveryTable>): WebhookDelivery => ({
  id: row.id,
  webhookId: row.webhook_id,
  event: WebhookEvent.parse(row.event),
  status: DeliveryStatus.parse(row.status),
  attempts: Number(row.attempts),
  lastStatus: row.last_status === null ? null : Number(row.last_status),
  lastError: row.last_error,
  nextAttemptAt:
    row.next_attempt_at === null ? null : new Date(Number(row.next_attempt_at)).toISOString(),
  createdAt: row.created_at,
  deliveredAt: row.delivered_at,
})

/** Webhooks, and their deliveries: an outbox whose attempts are kept. */
export class WebhookRepository {
  constructor(private readonly q: Queries) {}

  async insert(hook: StoredWebhook): Promise<void> {
    await this.q.db
      .insertInto('webhook')
      .values({
        id: hook.id,
        workspace_id: hook.workspaceId,
        url: hook.url,
        events: JSON.stringify(hook.events),
        secret: hook.secret,
        previous_secret: null,
        previous_secret_until: null,
        created_by: hook.createdBy,
        created_at: hook.createdAt,
      })
      .execute()
  }

  async list(workspaceId: string): Promise<Webhook[]> {
    const rows = await this.q.db
      .selectFrom('webhook')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(toWebhook)
  }

  async find(id: string): Promise<Webhook | undefined> {
    const row = await this.q.db
      .selectFrom('webhook')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? toWebhook(row) : undefined
  }

  /** Gives the hook a new secret; the one it had keeps signing beside it until `previousUntil`. */
  async roll(id: string, secret: string, previousUntil: number): Promise<void> {
    await this.q.db
      .updateTable('webhook')
      .set((eb) => ({
        previous_secret: eb.ref('secret'),
        previous_secret_until: previousUntil,
        secret,
      }))
      .where('id', '=', id)
      .execute()
  }

  /** Removes the hook and its deliveries (those pending are never sent). */
  async remove(id: string): Promise<void> {
    await this.q.db.deleteFrom('webhook_delivery').where('webhook_id', '=', id).execute()
    await this.q.db.deleteFrom('webhook').where('id', '=', id).execute()
  }

  async enqueue(delivery: NewDelivery): Promise<void> {
    await this.q.db
      .insertInto('webhook_delivery')
      .values({
        id: delivery.id,
        webhook_id: delivery.webhookId,
        event: delivery.event,
        payload: delivery.payload,
        status: 'pending',
        attempts: 0,
        next_attempt_at: delivery.dueAt,
        last_status: null,
        last_error: null,
        created_at: delivery.createdAt,
        delivered_at: null,
      })
      .execute()
  }

  /** Pending deliveries whose attempt is due at `now` (ms), oldest first. */
  async due(now: number, limit: number): Promise<DueDelivery[]> {
    const rows = await this.q.db
      .selectFrom('webhook_delivery')
      .innerJoin('webhook', 'webhook.id', 'webhook_delivery.webhook_id')
      .select([
        'webhook_delivery.id',
        'webhook_delivery.webhook_id',
        'webhook.url',
        'webhook.secret',
        'webhook.previous_secret',
        'webhook.previous_secret_until',
        'webhook_delivery.payload',
        'webhook_delivery.attempts',
        'webhook_delivery.next_attempt_at',
      ])
      .where('webhook_delivery.status', '=', 'pending')
      .where('webhook_delivery.next_attempt_at', '<=', now)
      .orderBy('webhook_delivery.next_attempt_at')
      .limit(limit)
      .execute()
    return rows.map((row) => ({
      id: row.id,
      webhookId: row.webhook_id,
      url: row.url,
      secrets:
        row.previous_secret !== null && Number(row.previous_secret_until) > now
          ? [row.secret, row.previous_secret]
          : [row.secret],
      payload: row.payload,
      attempts: Number(row.attempts),
      dueAt: Number(row.next_attempt_at),
    }))
  }

  async claim(delivery: DueDelivery, until: number): Promise<boolean> {
    // Compare and set: of several nodes that saw the same due delivery, one moves it.
    const moved = await this.q.db
      .updateTable('webhook_delivery')
      .set({ next_attempt_at: until })
      .where('id', '=', delivery.id)
      .where('status', '=', 'pending')
      .where('attempts', '=', delivery.attempts)
      .where('next_attempt_at', '=', delivery.dueAt)
      .executeTakeFirst()
    return Number(moved.numUpdatedRows) === 1
  }

  /** What one attempt gave: delivered, pending again at `nextAt`, or failed for good. */
  async attempted(id: string, outcome: DeliveryAttempt): Promise<void> {
    await this.q.db
      .updateTable('webhook_delivery')
      .set({
        status: outcome.status,
        attempts: outcome.attempts,
        last_status: outcome.lastStatus,
        last_error: outcome.lastError,
        next_attempt_at: outcome.nextAt,
        delivered_at: outcome.status === 'delivered' ? outcome.at : null,
      })
      .where('id', '=', id)
      .execute()
  }

  /**
   * Sends a delivery again from its first attempt, due at `now`, with the same id (receivers drop
   * a repeat by it); false when the hook has no such delivery or it is still being tried.
   */
  async redeliver(webhookId: string, id: string, now: number): Promise<boolean> {
    const moved = await this.q.db
      .updateTable('webhook_delivery')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now })
      .where('id', '=', id)
      .where('webhook_id', '=', webhookId)
      .where('status', '!=', 'pending')
      .executeTakeFirst()
    return Number(moved.numUpdatedRows) === 1
  }

  /** A hook's delivery, if it has one with this id. */
  async delivery(webhookId: string, id: string): Promise<WebhookDelivery | undefined> {
    const row = await this.q.db
      .selectFrom('webhook_delivery')
      .selectAll()
      .where('id', '=', id)
      .where('webhook_id', '=', webhookId)
      .executeTakeFirst()
    return row ? toDelivery(row) : undefined
  }

  /** The newest deliveries of a hook, newest first. */
  async deliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]> {
    const rows = await this.q.db
      .selectFrom('webhook_delivery')
      .selectAll()
      .where('webhook_id', '=', webhookId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()
    return rows.map(toDelivery)
  }
}
