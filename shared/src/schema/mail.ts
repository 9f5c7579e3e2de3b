import { z } from 'zod'
import { NotificationKind } from './notification.js'

/** How a person hears of one kind of notification by e-mail. */
export const MailChoice = z.enum(['off', 'immediate', 'digest'])
export type MailChoice = z.infer<typeof MailChoice>

/** A choice for every kind of notification. */
export const MailChoices = z.record(NotificationKind, MailChoice)
export type MailChoices = z.infer<typeof MailChoices>

/** What is asked of someone at once comes at once; the rest waits for the day's digest. */
export const defaultMailChoices: MailChoices = {
  mention: 'immediate',
  reply: 'digest',
  session_started: 'digest',
  signature_needed: 'immediate',
  term_due: 'digest',
  term_overdue: 'digest',
  decision_recorded: 'digest',
}

/** What an unsubscribe link turns off: one kind, or all mail. */
export const MailScope = z.union([NotificationKind, z.literal('all')])
export type MailScope = z.infer<typeof MailScope>

/** A person's own e-mail settings in a workspace; only they ever read them. */
export const MailSettings = z.object({
  /** False when the server has no SMTP_URL: nothing is sent or queued. */
  enabled: z.boolean(),
  address: z.string().nullable(),
  /** Nothing but the verification mail goes to an address until its link is followed. */
  verified: z.boolean(),
  choices: MailChoices,
})
export type MailSettings = z.infer<typeof MailSettings>

export const SetMailAddressBody = z.strictObject({
  address: z.email().max(254),
})
export type SetMailAddressBody = z.infer<typeof SetMailAddressBody>

export const SetMailChoicesBody = z.strictObject({
  choices: z.partialRecord(NotificationKind, MailChoice),
})
export type SetMailChoicesBody = z.infer<typeof SetMailChoicesBody>

/** The rules of e-mail settings, as `details.rule` of a 409 names them (docs/spec.md). */
export const MailRule = z.enum([
  /** The server has no SMTP_URL: no address is taken, nothing is queued. */
  'mail_off',
  /** Choices per kind belong to an address: none is stored before one is added. */
  'no_address',
])
export type MailRule = z.infer<typeof MailRule>

/** A link's token, as the verification and unsubscribe links carry it. */
export const MailLinkToken = z.string().regex(/^[A-Za-z0-9_.-]{16,400}$/)

/** What the operator's "send the digests now" answers. */
export const DigestRun = z.object({ sent: z.number().int() })
export type DigestRun = z.infer<typeof DigestRun>
