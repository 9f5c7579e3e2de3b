import { createHmac, randomBytes } from 'node:crypto'

/** A new hook's secret, as Standard Webhooks writes it: `whsec_` and 24 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`

/**
 * The `webhook-signature` header of a delivery (Standard Webhooks, v1): HMAC-SHA256, keyed with
 * the secret's bytes, over `<webhook-id>.<webhook-timestamp>.<body>`: the timestamp bounds a
 * replay (receivers refuse old ones), the id lets them drop a repeat, and any receiver can check
 * it with the Standard Webhooks libraries. One signature per secret, space-separated: while a
 * rolled secret still holds, a receiver with either one accepts the delivery.
 */
export const webhookSignature = (
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: string,
): string =>
  secrets
    .map((secret) => {
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
      const signed = `${id}.${timestampSeconds}.${body}`
      return `v1,${createHmac('sha256', key).update(signed).digest('base64')}`
    })
    .join(' ')
