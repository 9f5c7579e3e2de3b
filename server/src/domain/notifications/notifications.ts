import type { MarkReadBody, NotificationList } from '../../../../shared/src/schema/notification.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type { NewNotification } from '../../../../shared/src/schema/stored.js'
import type { Stores, Transaction } from '../ports.js'

/** How many of a person's notifications the bell shows: the newest. */
const shown = 50

/** Hears who has something new, once it has committed (the open pages' signal). */
export type SignalPeople = (workspaceId: string, participantIds: readonly string[]) => void

/** Hears, inside the transaction, the notifications that were new (e-mail queues its own). */
export type MailNotifications = (tx: Transaction, told: readonly NewNotification[]) => Promise<void>

/**
 * A person's notifications: stored per participant, read only by them, told to their open
 * pages by a signal that carries no content.
 */
export class Notifications {
  constructor(
    private readonly stores: Stores,
    private readonly signal: SignalPeople,
    private readonly mail: MailNotifications = async () => undefined,
  ) {}

  /** Stores `notifications` in `tx`; their people's pages hear of them once it commits. */
  async tell(tx: Transaction, notifications: readonly NewNotification[]): Promise<void> {
    if (notifications.length === 0) return
    const told = await tx.notifications.add(notifications)
    const byWorkspace = new Map<string, string[]>()
    for (const { workspaceId, participantId } of notifications) {
      if (!told.includes(participantId)) continue
      byWorkspace.set(workspaceId, [...(byWorkspace.get(workspaceId) ?? []), participantId])
    }
    await this.mail(
      tx,
      notifications.filter((notification) => told.includes(notification.participantId)),
    )
    for (const [workspaceId, people] of byWorkspace) {
      void tx.afterCommit(() => this.signal(workspaceId, people))
    }
  }

  /** Stores them in a unit of their own (what a committed change or the clock caused). */
  async tellNow(notifications: readonly NewNotification[]): Promise<void> {
    if (notifications.length === 0) return
    await this.stores.transaction(async (tx) => await this.tell(tx, notifications))
  }

  async list(actor: Participant): Promise<NotificationList> {
    return {
      notifications: await this.stores.notifications.list(actor.id, shown),
      unread: await this.stores.notifications.unread(actor.id),
    }
  }

  async markRead(actor: Participant, body: MarkReadBody): Promise<NotificationList> {
    await this.stores.notifications.markRead(actor.id, body.ids, new Date().toISOString())
    return await this.list(actor)
  }
}
