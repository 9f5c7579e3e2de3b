import type { Generated } from 'kysely'

/* What goes out to people and systems: in-app notifications, webhooks, mail. */

export interface NotificationTable {
  id: Generated<number>
  workspace_id: string
  participant_id: string
  kind: string
  place: string
  actor_name: string | null
  subject: string
  key: string
  created_at: string
  read_at: string | null
}

export interface WebhookTable {
  id: string
  workspace_id: string
  url: string
  events: string
  secret: string
  /** The secret a roll replaced: it signs too, until `previous_secret_until` (ms). */
  previous_secret: string | null
  previous_secret_until: number | null
  created_by: string
  created_at: string
}

export interface WebhookDeliveryTable {
  id: string
  webhook_id: string
  event: string
  payload: string
  status: string
  attempts: number
  next_attempt_at: number | null
  last_status: number | null
  last_error: string | null
  created_at: string
  delivered_at: string | null
}

export interface MailAddressTable {
  participant_id: string
  workspace_id: string
  address: string
  link_base: string
  secret: string
  verify_hash: string
  verify_expires_at: number
  verified_at: string | null
  choices: string
  digest_after: number
  digest_at: string | null
}

export interface MailOutboxTable {
  id: string
  participant_id: string
  kind: string
  to_address: string
  message: string
  status: string
  attempts: number
  next_attempt_at: number | null
  last_error: string | null
  created_at: string
  sent_at: string | null
}

export interface NotificationTables {
  notification: NotificationTable
  webhook: WebhookTable
  webhook_delivery: WebhookDeliveryTable
  mail_address: MailAddressTable
  mail_outbox: MailOutboxTable
}
