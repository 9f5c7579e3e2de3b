import type { NotificationKind } from '../../../../shared/src/schema/notification.js'
import type { StoredMailAddress } from '../../../../shared/src/schema/stored.js'
import { OutboxLoop } from '../outbox-loop.js'
import type { Stores } from '../ports.js'
import { newId } from '../secrets.js'
import { mailContextOf } from './mail-context.js'
import { mailLinks } from './mail-links.js'
import { digestMail } from './mail-render.js'

const day = 86_400_000

export interface MailDigestOptions {
  enabled: boolean
  /** PUBLIC_URL, the base of the links (else the one stored with each address). */
  publicUrl: string | undefined
  /** The hour (UTC) from which each day's digest is due. */
  hourUtc: number
  /** How often the clock looks whether digests are due. */
  intervalMs: number
  queued(): void
  failed(error: unknown): void
}

/** The latest time at or before `now` that is `hourUtc` o'clock. */
const lastDigestHour = (now: number, hourUtc: number): number => {
  const today = Math.floor(now / day) * day + hourUtc * 3_600_000
  return today <= now ? today : today - day
}

/**
 * The daily digest: for each verified address, the person's unread notifications of the kinds
 * they chose "digest" for, since the last digest (a watermark on the notifications' ids), in one
 * mail. The watermark moves by compare and set in the transaction that queues the mail, so of
 * several nodes whose clocks fire together one sends it, and a repeat finds nothing new. Its
 * clock is an outbox's: it looks every `intervalMs` whether a day's digests are due.
 */
export class MailDigest extends OutboxLoop {
  constructor(
    private readonly stores: Stores,
    private readonly options: MailDigestOptions,
  ) {
    super({ pollMs: options.intervalMs, failed: options.failed })
  }

  protected async look(): Promise<boolean> {
    await this.run(false)
    return false
  }

  /** Sends the digests that are due (all of them when `now` is forced); answers how many. */
  async run(force: boolean): Promise<number> {
    if (!this.options.enabled) return 0
    const now = Date.now()
    const since = lastDigestHour(now, this.options.hourUtc)
    let sent = 0
    for (const address of await this.stores.mail.verifiedAddresses()) {
      if (!force && address.digestAt !== null && Date.parse(address.digestAt) >= since) continue
      if (await this.#digest(address, new Date(now).toISOString())) sent += 1
    }
    return sent
  }

  async #digest(address: StoredMailAddress, at: string): Promise<boolean> {
    const kinds = (Object.keys(address.choices) as NotificationKind[]).filter(
      (kind) => address.choices[kind] === 'digest',
    )
    const items = await this.stores.mail.unreadAfter(
      address.participantId,
      address.digestAfter,
      kinds,
    )
    const last = items.at(-1)?.id ?? address.digestAfter
    return await this.stores.transaction(async (tx) => {
      // Moved already by another node's clock (or a forced run): it sends, not this one.
      if (!(await tx.mail.advanceDigest(address.participantId, address.digestAfter, last, at))) {
        return false
      }
      if (items.length === 0) return false
      const context = await mailContextOf(tx, address.workspaceId)
      await tx.mail.enqueue({
        id: `mail_${newId()}`,
        participantId: address.participantId,
        kind: 'digest',
        to: address.address,
        message: digestMail(context, mailLinks(address, this.options.publicUrl), items),
        createdAt: at,
        dueAt: Date.now(),
      })
      void tx.afterCommit(() => this.options.queued())
      return true
    })
  }
}
