import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  headers: IncomingHttpHeaders
  body: string
  at: number
}

/** A real HTTP receiver: records every request and answers with what `answer` says. */
export const startReceiver = async () => {
  const received: Received[] = []
  // `held`, while set, keeps every answer back until it resolves (a receiver that is slow).
  const state: { answer: (count: number) => number; held?: Promise<void> } = {
    answer: () => 200,
  }
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      })
      const count = received.length
      void Promise.resolve(state.held).then(() => {
        response.statusCode = state.answer(count)
        response.end()
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/mufakat`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * A receiver's check, written from the Standard Webhooks spec rather than the server's code:
 * HMAC-SHA256 keyed with the secret's base64 bytes over `id.timestamp.body`, `v1,` + base64;
 * the timestamp no more than five minutes from now.
 */
export const signatureHolds = (secret: string, message: Received): boolean => {
  const id = String(message.headers['webhook-id'])
  const timestamp = String(message.headers['webhook-timestamp'])
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64')
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${message.body}`).digest()
  return String(message.headers['webhook-signature'])
    .split(' ')
    .some((signature) => {
      const [version, value] = signature.split(',')
      const given = Buffer.from(value ?? '', 'base64')
      return (
        version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)
      )
    })
}
