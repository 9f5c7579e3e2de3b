import { z } from 'zod'

/** Why someone is told: one kind per reason a person is asked to look. */
export const NotificationKind = z.enum([
  'mention',
  'reply',
  'session_started',
  'signature_needed',
  'term_due',
  'term_overdue',
  'decision_recorded',
])
export type NotificationKind = z.infer<typeof NotificationKind>

/** The place a notification links to: a page of the workspace, and where on it. */
export const NotificationPlace = z.discriminatedUnion('page', [
  z.object({
    page: z.literal('document'),
    documentId: z.string(),
    threadId: z.string().optional(),
  }),
  z.object({ page: z.literal('session'), sessionId: z.string() }),
  z.object({ page: z.literal('agreement'), agreementId: z.string() }),
  z.object({ page: z.literal('caucus'), caucusId: z.string() }),
])
export type NotificationPlace = z.infer<typeof NotificationPlace>

export const Notification = z.object({
  id: z.number().int(),
  workspaceId: z.string(),
  kind: NotificationKind,
  place: NotificationPlace,
  /** Who caused it (their name then); null when the clock did (a term falling due). */
  actorName: z.string().nullable(),
  /** What it is about, as written then: a session's title, a comment's words, a term's text. */
  subject: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
})
export type Notification = z.infer<typeof Notification>

export const NotificationList = z.object({
  notifications: z.array(Notification),
  unread: z.number().int(),
})
export type NotificationList = z.infer<typeof NotificationList>

/** Marks some (by id) or, without ids, every notification of the caller read. */
export const MarkReadBody = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1).max(200).optional(),
})
export type MarkReadBody = z.infer<typeof MarkReadBody>
