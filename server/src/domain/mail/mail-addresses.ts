import {
  defaultMailChoices,
  type MailChoices,
  type MailRule,
  type MailScope,
  type MailSettings,
  type SetMailAddressBody,
  type SetMailChoicesBody,
} from '../../../../shared/src/schema/mail.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type { StoredMailAddress } from '../../../../shared/src/schema/stored.js'
import { DomainError } from '../domain-error.js'
import type { Stores } from '../ports.js'
import { hashToken, newId, newToken } from '../secrets.js'
import { mailContextOf } from './mail-context.js'
import { readUnsubscribeToken, unsubscribeHolds } from './mail-links.js'
import type { MailContext } from './mail-render.js'
import { verificationMail } from './mail-render.js'

export interface MailAddressesOptions {
  /** False without SMTP_URL: nothing is stored, queued or sent. */
  enabled: boolean
  /**
   * Where the mails' links lead: PUBLIC_URL, else this server's own listening address. Never a
   * request's Host header: whoever asks names it, and the mail may go to someone else.
   */
  linkBase(): string
  verifyTtlMs: number
  /** Asks the sender to look for new mail now. */
  queued(): void
}

/** What a followed link found: whose address, and the workspace (for the page's language). */
export interface LinkOutcome {
  context: MailContext
  address: string
}

/** What an unsubscribe link turned off. */
export interface Unsubscribed extends LinkOutcome {
  scope: MailScope
}

const allOff = (): MailChoices =>
  Object.fromEntries(Object.keys(defaultMailChoices).map((kind) => [kind, 'off'])) as MailChoices

/**
 * People's own e-mail addresses and choices. An address is personal: only its owner reads it
 * (no other member, no export, no public record); it gets nothing but the verification mail
 * until its single-use, expiring link is followed; it goes when its person is removed.
 */
export class MailAddresses {
  constructor(
    private readonly stores: Stores,
    private readonly options: MailAddressesOptions,
  ) {}

  #settings(address: StoredMailAddress | undefined): MailSettings {
    return {
      enabled: this.options.enabled,
      address: address?.address ?? null,
      verified: Boolean(address?.verifiedAt),
      choices: address?.choices ?? defaultMailChoices,
    }
  }

  #requireEnabled(): void {
    if (!this.options.enabled) {
      throw new DomainError('conflict', 'e-mail is off on this server (no SMTP_URL)', {
        rule: 'mail_off' satisfies MailRule,
      })
    }
  }

  async settings(actor: Participant): Promise<MailSettings> {
    return this.#settings(await this.stores.mail.findAddress(actor.id))
  }

  /** Adds or changes the caller's address: it is unverified until the new link is followed. */
  async setAddress(actor: Participant, body: SetMailAddressBody): Promise<MailSettings> {
    this.#requireEnabled()
    const token = newToken()
    const linkBase = this.options.linkBase().replace(/\/+$/, '')
    return await this.stores.transaction(async (tx) => {
      const before = await tx.mail.findAddress(actor.id)
      const address: StoredMailAddress = {
        participantId: actor.id,
        workspaceId: actor.workspaceId,
        address: body.address,
        linkBase,
        // A new secret: unsubscribe links made for the old address stop working.
        secret: newToken(),
        verifyHash: hashToken(token),
        verifyExpiresAt: Date.now() + this.options.verifyTtlMs,
        verifiedAt: null,
        choices: before?.choices ?? defaultMailChoices,
        digestAfter: before?.digestAfter ?? (await tx.mail.newestNotification(actor.id)),
        digestAt: before?.digestAt ?? new Date().toISOString(),
      }
      // What was queued for the old address is not sent to it any more.
      await tx.mail.dropPending(actor.id)
      await tx.mail.saveAddress(address)
      await tx.mail.enqueue({
        id: `mail_${newId()}`,
        participantId: actor.id,
        kind: 'verification',
        to: address.address,
        message: verificationMail(
          await mailContextOf(tx, actor.workspaceId),
          `${linkBase}/mail/verify?token=${token}`,
          Math.round(this.options.verifyTtlMs / 3_600_000),
        ),
        createdAt: new Date().toISOString(),
        dueAt: Date.now(),
      })
      void tx.afterCommit(() => this.options.queued())
      return this.#settings(address)
    })
  }

  async removeAddress(actor: Participant): Promise<MailSettings> {
    await this.stores.transaction(async (tx) => await tx.mail.forget(actor.id))
    return this.#settings(undefined)
  }

  async setChoices(actor: Participant, body: SetMailChoicesBody): Promise<MailSettings> {
    this.#requireEnabled()
    return await this.stores.transaction(async (tx) => {
      const address = await tx.mail.findAddress(actor.id)
      if (!address) {
        throw new DomainError('conflict', 'add an e-mail address first', {
          rule: 'no_address' satisfies MailRule,
        })
      }
      const choices = { ...address.choices, ...body.choices }
      await tx.mail.setChoices(actor.id, choices)
      return this.#settings({ ...address, choices })
    })
  }

  /** The address a verification link is for, before it is followed (the page that asks). */
  async pendingVerification(token: string): Promise<LinkOutcome> {
    const address = await this.#byVerifyToken(token)
    return {
      context: await mailContextOf(this.stores, address.workspaceId),
      address: address.address,
    }
  }

  /** Follows a verification link: once, before it expires. */
  async verify(token: string): Promise<LinkOutcome> {
    const address = await this.#byVerifyToken(token)
    const verifiedNow = await this.stores.transaction(
      async (tx) => await tx.mail.verify(address.participantId, new Date().toISOString()),
    )
    if (!verifiedNow) throw used()
    return {
      context: await mailContextOf(this.stores, address.workspaceId),
      address: address.address,
    }
  }

  async #byVerifyToken(token: string): Promise<StoredMailAddress> {
    const address = await this.stores.mail.findByVerifyHash(hashToken(token))
    if (!address) throw new DomainError('not_found', 'no such verification link')
    if (address.verifiedAt) throw used()
    if (Date.now() > address.verifyExpiresAt) {
      throw new DomainError('gone', 'this verification link has expired', { reason: 'expired' })
    }
    return address
  }

  /** Whose an unsubscribe link is and what it stops, checked, without changing anything. */
  async unsubscribeTarget(token: string): Promise<Unsubscribed> {
    const claim = readUnsubscribeToken(token)
    if (!claim) throw new DomainError('bad_request', 'this is not an unsubscribe link')
    const address = await this.stores.mail.findAddress(claim.participantId)
    if (!address || !unsubscribeHolds(address, claim)) {
      throw new DomainError('not_found', 'no such unsubscribe link')
    }
    return {
      context: await mailContextOf(this.stores, address.workspaceId),
      address: address.address,
      scope: claim.scope,
    }
  }

  /** Turns off what the link names, or all mail when `everything`; no sign-in needed. */
  async unsubscribe(token: string, everything: boolean): Promise<Unsubscribed> {
    const target = await this.unsubscribeTarget(token)
    const claim = readUnsubscribeToken(token)
    const participantId = claim?.participantId ?? ''
    const scope: MailScope = everything ? 'all' : target.scope
    await this.stores.transaction(async (tx) => {
      const address = await tx.mail.findAddress(participantId)
      if (!address) return
      const choices = scope === 'all' ? allOff() : { ...address.choices, [scope]: 'off' }
      await tx.mail.setChoices(participantId, choices)
      // What was queued and not yet sent is not wanted either.
      if (scope === 'all') await tx.mail.dropPending(participantId)
    })
    return { ...target, scope }
  }
}

const used = (): DomainError =>
  new DomainError('gone', 'this verification link was used already', { reason: 'used' })
