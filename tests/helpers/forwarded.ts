import WebSocket from 'ws'
import type { TestServer } from './server.js'

/** Headers of a request a trusted proxy forwarded for `address`. */
export const from = (address: string) => ({ 'x-forwarded-for': address })

/** A socket as seen from `address`: served (its room's first sync message came) or refused. */
export const socketFrom = (
  server: Pick<TestServer, 'syncUrl'>,
  room: string,
  token: string,
  address: string,
) =>
  new Promise<{ ws: WebSocket; outcome: Promise<'served' | number> }>((resolve, reject) => {
    const ws = new WebSocket(`${server.syncUrl}/${room}?token=${token}`, { headers: from(address) })
    const outcome = new Promise<'served' | number>((done) => {
      ws.once('message', () => done('served'))
      ws.once('close', (code) => done(code))
    })
    ws.once('open', () => resolve({ ws, outcome }))
    ws.once('error', reject)
  })
