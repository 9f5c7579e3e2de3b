import type { NewNotification } from '../../../../shared/src/schema/stored.js'
import type { Transaction } from '../ports.js'
import { newId } from '../secrets.js'
import { mailContextOf } from './mail-context.js'
import { mailLinks } from './mail-links.js'
import { noticeMail } from './mail-render.js'

/**
 * Notifications that their people chose to get at once by e-mail: each becomes a rendered mail
 * in the outbox, in the transaction that stores the notification, so both commit or neither;
 * the sender is asked to look once it has committed. Only to a verified address.
 */
export class MailNotices {
  constructor(
    private readonly enabled: boolean,
    /** Asks the sender to look for new mail now. */
    private readonly queued: () => void,
    private readonly publicUrl: string | undefined,
  ) {}

  async told(tx: Transaction, notifications: readonly NewNotification[]): Promise<void> {
    if (!this.enabled) return
    let any = false
    for (const notification of notifications) {
      const address = await tx.mail.findAddress(notification.participantId)
      if (!address?.verifiedAt || address.choices[notification.kind] !== 'immediate') continue
      const context = await mailContextOf(tx, notification.workspaceId)
      await tx.mail.enqueue({
        id: `mail_${newId()}`,
        participantId: notification.participantId,
        kind: 'notice',
        to: address.address,
        message: noticeMail(context, mailLinks(address, this.publicUrl), notification),
        createdAt: new Date().toISOString(),
        dueAt: Date.now(),
      })
      any = true
    }
    if (any) void tx.afterCommit(() => this.queued())
  }
}
