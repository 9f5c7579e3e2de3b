import { createRequire } from 'node:module'
import type * as Nodemailer from 'nodemailer'
import type { MailTransport } from '../domain/mail/ports.js'

// nodemailer loads only where SMTP_URL is set: a server without mail never carries it.
const requireLazily = createRequire(import.meta.url)

export interface MailTransportOptions {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
  smtpUrl: string
  from: string
  timeoutMs: number
}

/** Mail's way out: nodemailer over SMTP, each mail in plain text and HTML. */
export const createMailTransport = (options: MailTransportOptions): MailTransport => {
  const { createTransport } = requireLazily('nodemailer') as typeof Nodemailer
  const transport = createTransport({
    url: options.smtpUrl,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  })
  return {
    send: async (to, message) => {
      await transport.sendMail({
        from: options.from,
        to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
      })
    },
  }
}
