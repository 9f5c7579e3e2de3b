import type { MailChoices } from '../../../../shared/src/schema/mail.js'
import type { Notification, NotificationKind } from '../../../../shared/src/schema/notification.js'
import type {
  DueMail,
  MailAttempt,
  MailMessage,
  NewMail,
  StoredMailAddress,
} from '../../../../shared/src/schema/stored.js'

export type {
  DueMail,
  MailAttempt,
  MailKind,
  MailMessage,
  NewMail,
  StoredMailAddress,
} from '../../../../shared/src/schema/stored.js'

/* What e-mail needs of storage and of the network, in the domain's own words. */

export interface MailRepository {
  findAddress(participantId: string): Promise<StoredMailAddress | undefined>
  findByVerifyHash(hash: string): Promise<StoredMailAddress | undefined>
  /** Stores a new or changed address (replacing the person's old one). */
  saveAddress(address: StoredMailAddress): Promise<void>
  /** Marks the address verified, unless it already was; true when this call did. */
  verify(participantId: string, at: string): Promise<boolean>
  setChoices(participantId: string, choices: MailChoices): Promise<void>
  /** Deletes the person's address and every mail queued for them. */
  forget(participantId: string): Promise<void>
  /** Drops the person's mails not yet sent (their address changed). */
  dropPending(participantId: string): Promise<void>
  /** Every verified address of a person still in their workspace. */
  verifiedAddresses(): Promise<StoredMailAddress[]>
  /** The person's unread notifications of `kinds` after `after` (an id), oldest first. */
  unreadAfter(
    participantId: string,
    after: number,
    kinds: readonly NotificationKind[],
  ): Promise<Notification[]>
  /** The id of the person's newest notification (0 when none): where a new digest starts. */
  newestNotification(participantId: string): Promise<number>
  /**
   * Moves the digest's watermark from `from` to `to` unless another sender (node) already
   * moved it; true when this one did.
   */
  advanceDigest(participantId: string, from: number, to: number, at: string): Promise<boolean>
  enqueue(mail: NewMail): Promise<void>
  due(now: number, limit: number): Promise<DueMail[]>
  /** Takes a due mail for one attempt (compare and set on its due time), as webhooks do. */
  claim(mail: DueMail, until: number): Promise<boolean>
  attempted(id: string, outcome: MailAttempt): Promise<void>
}

/** The way out to an SMTP server (server/src/outbound/ implements it). */
export interface MailTransport {
  /** Hands the mail to the SMTP server; throws when it was not accepted. */
  send(to: string, message: MailMessage): Promise<void>
}
