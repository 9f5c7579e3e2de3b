import type { Notification } from '../../../../shared/src/schema/notification.js'
import type { NewNotification } from '../../../../shared/src/schema/stored.js'

/* What notifications need of storage, in the domain's own words (see ../ports.ts). */

export interface NotificationRepository {
  /** Stores those not stored before (same person, same key); answers who got a new one. */
  add(notifications: readonly NewNotification[]): Promise<string[]>
  /** The newest `limit` of a person's notifications, newest first. */
  list(participantId: string, limit: number): Promise<Notification[]>
  unread(participantId: string): Promise<number>
  /** Marks the person's own notifications read: those named, or all without `ids`. */
  markRead(participantId: string, ids: readonly number[] | undefined, at: string): Promise<void>
}
