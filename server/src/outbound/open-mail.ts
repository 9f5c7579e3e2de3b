import type { Config } from '../config.js'
import { MailAddresses } from '../domain/mail/mail-addresses.js'
import { MailDigest } from '../domain/mail/mail-digest.js'
import { MailNotices } from '../domain/mail/mail-notices.js'
import { MailSender } from '../domain/mail/mail-sender.js'
import type { Stores } from '../domain/ports.js'
import type { Logger } from '../observability/logger.js'
import { createMailTransport } from './mail-transport.js'

/** How often the digest's clock looks whether a day's digests are due. */
const digestLookMs = 10 * 60_000

export interface OpenMail {
  addresses: MailAddresses
  notices: MailNotices
  digest: MailDigest
  /** Starts sending; `ownOrigin` is where this server listens (the links' base without PUBLIC_URL). */
  start(ownOrigin: string): void
  stop(): Promise<void>
}

/** E-mail as configured: off without SMTP_URL (nothing stored, queued or sent), on with it. */
export const openMail = (
  config: Pick<
    Config,
    | 'SMTP_URL'
    | 'MAIL_FROM'
    | 'MAIL_TIMEOUT_MS'
    | 'MAIL_RETRY_BASE_MS'
    | 'MAIL_MAX_ATTEMPTS'
    | 'MAIL_POLL_MS'
    | 'MAIL_DIGEST_HOUR'
    | 'MAIL_VERIFY_TTL_MS'
    | 'PUBLIC_URL'
  >,
  stores: Stores,
  logger: Logger,
): OpenMail => {
  const enabled = config.SMTP_URL !== undefined
  const sender = config.SMTP_URL
    ? new MailSender(
        stores,
        createMailTransport({
          smtpUrl: config.SMTP_URL,
          from: config.MAIL_FROM,
          timeoutMs: config.MAIL_TIMEOUT_MS,
        }),
        {
          retryBaseMs: config.MAIL_RETRY_BASE_MS,
          // Longer than one attempt can take (three timeouts: connect, greeting, socket).
          claimMs: 3 * config.MAIL_TIMEOUT_MS + 1000,
          maxAttempts: config.MAIL_MAX_ATTEMPTS,
          pollMs: config.MAIL_POLL_MS,
          failed: (error) => logger.warn({ err: error }, 'sending mail failed'),
          attempted: (fields) =>
            fields.status === 'sent'
              ? logger.info(fields, 'mail sent')
              : logger.warn(fields, 'mail not sent'),
        },
      )
    : undefined
  const queued = () => sender?.kick()
  const digest = new MailDigest(stores, {
    enabled,
    publicUrl: config.PUBLIC_URL,
    hourUtc: config.MAIL_DIGEST_HOUR,
    intervalMs: digestLookMs,
    queued,
    failed: (error) => logger.warn({ err: error }, 'the mail digest failed'),
  })
  let listening = ''
  return {
    addresses: new MailAddresses(stores, {
      enabled,
      linkBase: () => config.PUBLIC_URL ?? listening,
      verifyTtlMs: config.MAIL_VERIFY_TTL_MS,
      queued,
    }),
    notices: new MailNotices(enabled, queued, config.PUBLIC_URL),
    digest,
    start: (ownOrigin) => {
      listening = ownOrigin
      if (!sender) return
      sender.start()
      digest.start()
    },
    stop: async () => {
      await digest.stop()
      await sender?.stop()
    },
  }
}
