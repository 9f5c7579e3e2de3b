import type { Selectable } from 'kysely'
import { MailChoices } from '../../../../shared/src/schema/mail.js'
import {
  type Notification,
  NotificationKind,
  NotificationPlace,
} from '../../../../shared/src/schema/notification.js'
import type {
  DueMail,
  MailAttempt,
  MailMessage,
  NewMail,
  StoredMailAddress,
} from '../../../../shared/src/schema/stored.js'
import type { MailAddressTable, Queries } from '../schema.js'

const toAddress = (row: Selectable<MailAddressTable>): StoredMailAddress => ({
  participantId: row.participant_id,
  workspaceId: row.workspace_id,
  address: row.address,
  linkBase: row.link_base,
  secret: row.secret,
  verifyHash: row.verify_hash,
  verifyExpiresAt: Number(row.verify_expires_at),
  verifiedAt: row.verified_at,
  choices: MailChoices.parse(JSON.parse(row.choices)),
  digestAfter: Number(row.digest_after),
  digestAt: row.digest_at,
})

/** People's e-mail addresses and the mail outbox. */
export class MailRepository {
  constructor(private readonly q: Queries) {}

  async findAddress(participantId: string): Promise<StoredMailAddress | undefined> {
    const row = await this.q.db
      .selectFrom('mail_address')
      .selectAll()
      .where('participant_id', '=', participantId)
      .executeTakeFirst()
    return row ? toAddress(row) : undefined
  }

  async findByVerifyHash(hash: string): Promise<StoredMailAddress | undefined> {
    const row = await this.q.db
      .selectFrom('mail_address')
      .selectAll()
      .where('verify_hash', '=', hash)
      .executeTakeFirst()
    return row ? toAddress(row) : undefined
  }

  async saveAddress(address: StoredMailAddress): Promise<void> {
    const values = {
      participant_id: address.participantId,
      workspace_id: address.workspaceId,
      address: address.address,
      link_base: address.linkBase,
      secret: address.secret,
      verify_hash: address.verifyHash,
      verify_expires_at: address.verifyExpiresAt,
      verified_at: address.verifiedAt,
      choices: JSON.stringify(address.choices),
      digest_after: address.digestAfter,
      digest_at: address.digestAt,
    }
    await this.q.db
      .insertInto('mail_address')
      .values(values)
      .onConflict((conflict) => conflict.column('participant_id').doUpdateSet(values))
      .execute()
  }

  async verify(participantId: string, at: string): Promise<boolean> {
    const done = await this.q.db
      .updateTable('mail_address')
      .set({ verified_at: at })
      .where('participant_id', '=', participantId)
      .where('verified_at', 'is', null)
      .executeTakeFirst()
    return Number(done.numUpdatedRows) === 1
  }

  async setChoices(participantId: string, choices: MailChoices): Promise<void> {
    await this.q.db
      .updateTable('mail_address')
      .set({ choices: JSON.stringify(choices) })
      .where('participant_id', '=', participantId)
      .execute()
  }

  async forget(participantId: string): Promise<void> {
    await this.q.db.deleteFrom('mail_outbox').where('participant_id', '=', participantId).execute()
    await this.q.db.deleteFrom('mail_address').where('participant_id', '=', participantId).execute()
  }

  async dropPending(participantId: string): Promise<void> {
    await this.q.db
      .deleteFrom('mail_outbox')
      .where('participant_id', '=', participantId)
      .where('status', '=', 'pending')
      .execute()
  }

  async verifiedAddresses(): Promise<StoredMailAddress[]> {
    const rows = await this.q.db
      .selectFrom('mail_address')
      .innerJoin('participant', 'participant.id', 'mail_address.participant_id')
      .selectAll('mail_address')
      .where('mail_address.verified_at', 'is not', null)
      .where('participant.removed_at', 'is', null)
      .orderBy('mail_address.participant_id')
      .execute()
    return rows.map(toAddress)
  }

  async unreadAfter(
    participantId: string,
    after: number,
    kinds: readonly NotificationKind[],
  ): Promise<Notification[]> {
    if (kinds.length === 0) return []
    const rows = await this.q.db
      .selectFrom('notification')
      .selectAll()
      .where('participant_id', '=', participantId)
      .where('id', '>', after)
      .where('read_at', 'is', null)
      .where('kind', 'in', [...kinds])
      .orderBy('id')
      .execute()
    return rows.map((row) => ({
      id: Number(row.id),
      workspaceId: row.workspace_id,
      kind: NotificationKind.parse(row.kind),
      place: NotificationPlace.parse(JSON.parse(row.place)),
      actorName: row.actor_name,
      subject: row.subject,
      createdAt: row.created_at,
      readAt: row.read_at,
    }))
  }

  async newestNotification(participantId: string): Promise<number> {
    const row = await this.q.db
      .selectFrom('notification')
      .select((eb) => eb.fn.max('id').as('newest'))
      .where('participant_id', '=', participantId)
      .executeTakeFirst()
    return Number(row?.newest ?? 0)
  }

  async advanceDigest(participantId: string, from: number, to: number, at: string) {
    const moved = await this.q.db
      .updateTable('mail_address')
      .set({ digest_after: to, digest_at: at })
      .where('participant_id', '=', participantId)
      .where('digest_after', '=', from)
      .executeTakeFirst()
    return Number(moved.numUpdatedRows) === 1
  }

  async enqueue(mail: NewMail): Promise<void> {
    await this.q.db
      .insertInto('mail_outbox')
      .values({
        id: mail.id,
        participant_id: mail.participantId,
        kind: mail.kind,
        to_address: mail.to,
        message: JSON.stringify(mail.message),
        status: 'pending',
        attempts: 0,
        next_attempt_at: mail.dueAt,
        last_error: null,
        created_at: mail.createdAt,
        sent_at: null,
      })
      .execute()
  }

  /** Pending mails whose attempt is due at `now` (ms), oldest first. */
  async due(now: number, limit: number): Promise<DueMail[]> {
    const rows = await this.q.db
      .selectFrom('mail_outbox')
      .select(['id', 'to_address', 'message', 'attempts', 'next_attempt_at'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute()
    return rows.map((row) => ({
      id: row.id,
      to: row.to_address,
      message: JSON.parse(row.message) as MailMessage,
      attempts: Number(row.attempts),
      dueAt: Number(row.next_attempt_at),
    }))
  }

  async claim(mail: DueMail, until: number): Promise<boolean> {
    // Compare and set: of several nodes that saw the same due mail, one moves it.
    const moved = await this.q.db
      .updateTable('mail_outbox')
      .set({ next_attempt_at: until })
      .where('id', '=', mail.id)
      .where('status', '=', 'pending')
      .where('attempts', '=', mail.attempts)
      .where('next_attempt_at', '=', mail.dueAt)
      .executeTakeFirst()
    return Number(moved.numUpdatedRows) === 1
  }

  async attempted(id: string, outcome: MailAttempt): Promise<void> {
    await this.q.db
      .updateTable('mail_outbox')
      .set({
        status: outcome.status,
        attempts: outcome.attempts,
        last_error: outcome.lastError,
        next_attempt_at: outcome.nextAt,
        sent_at: outcome.status === 'sent' ? outcome.at : null,
      })
      .where('id', '=', id)
      .execute()
  }
}
