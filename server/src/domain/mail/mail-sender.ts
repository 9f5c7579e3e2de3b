import type { DueMail } from '../../../../shared/src/schema/stored.js'
import { OutboxLoop } from '../outbox-loop.js'
import type { Stores } from '../ports.js'
import type { MailTransport } from './ports.js'

/** Mails one look sends at most (one after another); more wait for the next look. */
const batch = 20

export interface MailSenderOptions {
  retryBaseMs: number
  /** How long a claimed attempt is this sender's: past it (the node died) another sends again. */
  claimMs: number
  maxAttempts: number
  pollMs: number
  failed(error: unknown): void
  /** Each attempt's outcome, for the log: the mail's id and status, never its address. */
  attempted(fields: { mailId: string; status: string; attempts: number; error?: string }): void
}

/**
 * Sends what the mail outbox holds, as webhooks' dispatcher does: each attempt claimed first
 * (one node of several sends it), its outcome stored (a restart resumes), a failure retried
 * after `retryBaseMs` × 2^(attempts − 1), given up after `maxAttempts`.
 */
export class MailSender extends OutboxLoop {
  constructor(
    private readonly stores: Stores,
    private readonly transport: MailTransport,
    private readonly options: MailSenderOptions,
  ) {
    super(options)
  }

  protected async look(): Promise<boolean> {
    const due = await this.stores.mail.due(Date.now(), batch)
    // One at a time: an SMTP server takes one mail per connection, and is no webhook receiver.
    for (const mail of due) await this.#attempt(mail)
    return due.length === batch
  }

  async #attempt(mail: DueMail): Promise<void> {
    if (!(await this.stores.mail.claim(mail, Date.now() + this.options.claimMs))) return
    let error: string | null = null
    try {
      await this.transport.send(mail.to, mail.message)
    } catch (failure) {
      error = (failure instanceof Error ? failure.message : String(failure)).slice(0, 500)
    }
    const attempts = mail.attempts + 1
    const givenUp = error !== null && attempts >= this.options.maxAttempts
    const status = error === null ? 'sent' : givenUp ? 'failed' : 'pending'
    const now = Date.now()
    await this.stores.mail.attempted(mail.id, {
      status,
      attempts,
      lastError: error,
      nextAt: status === 'pending' ? now + this.options.retryBaseMs * 2 ** (attempts - 1) : null,
      at: new Date(now).toISOString(),
    })
    this.options.attempted({
      mailId: mail.id,
      status,
      attempts,
      ...(error === null ? {} : { error }),
    })
  }
}
