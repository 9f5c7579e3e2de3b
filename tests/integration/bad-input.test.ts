import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { MessageType, SyncMessageType } from '../../shared/src/protocol/message-type.js'
import {
  connectRaw,
  destroyClients,
  type RawSocket,
  syncStep1Frame,
  syncUpdateFrame,
  waitForSynced,
} from '../helpers/clients.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

const MiB = 1024 * 1024

const validUpdate = (text: string): Uint8Array => {
  const doc = new Y.Doc()
  doc.getText('plan').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

/** Frames that are not the protocol, each with what is wrong with it. */
const malformedFrames: [string, Uint8Array | string][] = [
  ['a text frame', 'hello'],
  ['an unknown message type', new Uint8Array([99])],
  ['a truncated sync message', new Uint8Array([0])],
  ['an unknown sync message type', new Uint8Array([0, 7, 1, 0])],
  ['an update that does not decode', new Uint8Array([0, 2, 3, 1, 2, 3])],
  ['an update with an out-of-range integer', new Uint8Array([0, 2, 10, ...Array(10).fill(255)])],
  ['a state vector that does not decode', new Uint8Array([0, 0, 3, 255, 255, 255])],
  ['awareness that is not JSON', new Uint8Array([1, 6, 1, 7, 1, 2, 123, 120])],
  ['an empty frame', new Uint8Array([])],
  ['a sync update with bytes after it', new Uint8Array([0, 2, 2, 0, 0, 7])],
  ['awareness with bytes after its update', new Uint8Array([1, 1, 0, 9])],
  ['a query for awareness with bytes after it', new Uint8Array([3, 0])],
  ['a state vector with bytes after it', new Uint8Array([0, 0, 2, 0, 5])],
]

describe('bad input on the socket', () => {
  let server: TestServer
  let site: Site
  beforeAll(async () => {
    server = await startServer({
      env: {
        MAX_AWARENESS_STATES_PER_CONNECTION: '2',
        MAX_AWARENESS_STATE_BYTES: '1024',
      },
    })
    site = await Site.open(server)
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('accepts a well-formed raw update frame and relays it (the good input)', async () => {
    const reader = await site.connect('raw-good')
    await waitForSynced(reader)
    const raw = await site.raw('raw-good')
    raw.send(syncUpdateFrame(validUpdate('from a raw socket')))
    await waitFor(
      () => reader.doc.getText('plan').toString() === 'from a raw socket',
      'the raw update to be relayed',
    )
    raw.ws.close()
  })

  for (const [what, frame] of malformedFrames) {
    it(`closes the socket with 1008 for ${what}, and honest clients keep syncing`, async () => {
      const room = 'malformed'
      const writer = await site.connect(room)
      const reader = await site.connect(room)
      await Promise.all([waitForSynced(writer), waitForSynced(reader)])
      const before = reader.doc.getText('plan').toString()

      const raw = await site.raw(room)
      raw.send(frame)
      expect((await raw.closed).code).toBe(CloseCode.malformed)

      writer.doc.getText('plan').insert(0, `${what}; `)
      await waitFor(
        () => reader.doc.getText('plan').toString() === `${what}; ${before}`,
        'the honest edit to arrive',
      )
    })
  }

  it('survives a flood of random frames: server, other rooms and stored text untouched', async () => {
    const writer = await site.connect('flood')
    await waitForSynced(writer)
    writer.doc.getText('plan').insert(0, 'before the flood')
    let seed = 7
    const random = () => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    const sockets = await Promise.all(Array.from({ length: 30 }, () => site.raw('flood')))
    for (const socket of sockets) {
      for (let i = 0; i < 20; i++) {
        const frame = new Uint8Array(1 + Math.floor(random() * 64)).map(() => random() * 256)
        // Keep to sync updates and awareness so every frame reaches the decoders.
        frame[0] = random() < 0.5 ? 0 : 1
        if (frame[0] === 0) frame[1] = 2
        if (socket.ws.readyState === socket.ws.OPEN) socket.send(frame)
      }
    }
    // A barrier after the flood: the server reads a socket's frames in order, so a socket that
    // answers this sync step 1 (with its step 2) has had all of its flood judged, and stays open.
    for (const socket of sockets) {
      if (socket.ws.readyState === socket.ws.OPEN) socket.send(syncStep1Frame(new Y.Doc()))
    }
    const answered = (socket: RawSocket) =>
      socket.received.some(
        (frame) => frame[0] === MessageType.sync && frame[1] === SyncMessageType.step2,
      )
    const codes = await Promise.all(
      sockets.map(async (socket) => {
        let code: number | undefined
        void socket.closed.then((close) => {
          code = close.code
        })
        await waitFor(() => code !== undefined || answered(socket), 'a close or an answer')
        return code ?? 'open'
      }),
    )
    for (const code of codes) expect([CloseCode.malformed, 'open']).toContain(code)
    expect(codes.filter((code) => code === CloseCode.malformed).length).toBeGreaterThan(20)
    for (const socket of sockets) socket.ws.terminate()

    writer.doc.getText('plan').insert(0, 'after. ')
    const health = await fetch(`${server.httpUrl}/healthz`)
    expect(health.status).toBe(200)
    expect(await site.read('flood', { texts: ['plan'] })).toEqual({
      plan: 'after. before the flood',
    })
  })

  it('refuses a frame over the size limit with 1009 without waiting for all of it', async () => {
    const reader = await site.connect('big')
    await waitForSynced(reader)
    const raw = await site.raw('big')
    raw.ws.on('error', () => {})
    raw.send(new Uint8Array(24 * MiB))
    expect((await raw.closed).code).toBe(CloseCode.tooBig)
    // A large but allowed update still goes through.
    const big = await site.connect('big')
    await waitForSynced(big)
    big.doc.getText('plan').insert(0, 'x'.repeat(2 * MiB))
    await waitFor(() => reader.doc.getText('plan').length === 2 * MiB, 'the 2 MiB edit to arrive')
  })

  it('answers 4404 for a room name that is not one, or a room that does not exist', async () => {
    for (const name of ['..%2F..%2Fetc', 'a'.repeat(200), '%E0%A4%A', 'spaces%20here']) {
      const raw = await connectRaw(server, `${name}?token=${site.token}`)
      expect((await raw.closed).code).toBe(CloseCode.roomNotFound)
    }
    const unknown = await connectRaw(server, `doc:no-such-document?token=${site.token}`)
    expect((await unknown.closed).code).toBe(CloseCode.roomNotFound)
    const status = await new Promise<number | undefined>((resolve) => {
      const ws = new WebSocket(`${server.syncUrl.replace('/sync', '/elsewhere')}/room`)
      ws.on('unexpected-response', (_request, response) => resolve(response.statusCode))
      ws.on('open', () => resolve(101))
      ws.on('error', () => {})
    })
    expect(status).toBe(404)
  })

  it('closes with 1008 a connection that speaks for too many awareness clients or too much', async () => {
    const observer = await site.connect('awareness-limits')
    await waitForSynced(observer)
    const states = (count: number, size: number, firstId = 1000, character = 'x') => {
      const doc = new Y.Doc()
      const clients = Array.from({ length: count }, (_, index) => index + firstId)
      const json = JSON.stringify({ note: character.repeat(size) })
      const parts = clients.flatMap((client) => {
        const text = new TextEncoder().encode(json)
        return [...varUint(client), 1, ...varUint(text.length), ...text]
      })
      doc.destroy()
      const body = [...varUint(count), ...parts]
      return new Uint8Array([1, ...varUint(body.length), ...body])
    }
    const fine = await site.raw('awareness-limits')
    fine.send(states(2, 10))
    await waitFor(() => observer.provider.awareness.getStates().has(1001), 'two states to arrive')
    // The official observer echoes what it heard; that claims nothing and closes nothing.
    expect(observer.closes).toEqual([])

    const tooMany = await site.raw('awareness-limits')
    tooMany.send(states(3, 10, 2000))
    expect((await tooMany.closed).code).toBe(CloseCode.malformed)
    const tooBig = await site.raw('awareness-limits')
    tooBig.send(states(1, 2000, 3000))
    expect((await tooBig.closed).code).toBe(CloseCode.malformed)
    // The limit is in bytes: 600 characters of two bytes each (1,200) are past 1,024.
    const tooBigInBytes = await site.raw('awareness-limits')
    tooBigInBytes.send(states(1, 600, 4000, 'é'))
    expect((await tooBigInBytes.closed).code).toBe(CloseCode.malformed)
    fine.ws.close()
    await waitFor(
      () => !observer.provider.awareness.getStates().has(1001),
      'states removed on close',
    )
  })
})

const varUint = (value: number): number[] => {
  const bytes: number[] = []
  while (value > 0x7f) {
    bytes.push(0x80 | (value & 0x7f))
    value = Math.floor(value / 128)
  }
  bytes.push(value)
  return bytes
}
