import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** A mail as the sink received it: its headers (lower-case names) and both parts, decoded. */
export interface ReceivedMail {
  to: string[]
  headers: Record<string, string>
  subject: string
  text: string
  html: string
}

const unfold = (head: string): Record<string, string> => {
  const headers: Record<string, string> = {}
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return headers
}

const quotedPrintable = (body: string): string =>
  Buffer.from(
    body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      ),
    'latin1',
  ).toString('utf8')

const decodePart = (headers: Record<string, string>, body: string): string => {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase()
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable') return quotedPrintable(body)
  return body
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / ?B?), as a subject may carry them. */
const decodeWords = (value: string): string =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, how: string, text: string) =>
      how.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : quotedPrintable(text.replace(/_/g, ' ')),
    )

const split = (raw: string): [string, string] => {
  const at = raw.search(/\r?\n\r?\n/)
  return at < 0 ? [raw, ''] : [raw.slice(0, at), raw.slice(at).replace(/^\r?\n\r?\n/, '')]
}

/** A raw message into its parts: enough MIME for what nodemailer writes (text + html). */
export const parseMail = (raw: string, to: string[]): ReceivedMail => {
  const [head, body] = split(raw)
  const headers = unfold(head)
  const parts: Record<string, string> = {}
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1]
  const chunks = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw]
  for (const chunk of chunks) {
    const [partHead, partBody] = split(chunk.replace(/^\r?\n/, ''))
    const partHeaders = unfold(partHead)
    const type = (partHeaders['content-type'] ?? '').split(';')[0]?.trim() ?? ''
    parts[type] = decodePart(partHeaders, partBody)
  }
  return {
    to,
    headers,
    subject: decodeWords(headers.subject ?? ''),
    text: parts['text/plain'] ?? '',
    html: parts['text/html'] ?? '',
  }
}

export interface MailSink {
  port: number
  received: ReceivedMail[]
  /** Mails to `address`, in the order they came. */
  to(address: string): ReceivedMail[]
  /** Stops listening (the SMTP server is down: connections are refused). */
  stop(): Promise<void>
  /** Listens again on the same port. */
  start(): Promise<void>
}

/** A real SMTP server that keeps every mail it is given, on a free port. */
export const startMailSink = async (): Promise<MailSink> => {
  const received: ReceivedMail[] = []
  const listen = async (port: number): Promise<SMTPServer> => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((rcpt) => rcpt.address)
          received.push(parseMail(Buffer.concat(chunks).toString('utf8'), to))
          callback()
        })
      },
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    return server
  }
  let server: SMTPServer | undefined = await listen(0)
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    received,
    to: (address) => received.filter((mail) => mail.to.includes(address)),
    stop: async () => {
      const stopping = server
      server = undefined
      await new Promise<void>((resolve) => (stopping ? stopping.close(() => resolve()) : resolve()))
    },
    start: async () => {
      server ??= await listen(port)
    },
  }
}
