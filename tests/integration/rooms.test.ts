import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { destroyClients, syncUpdateFrame, waitForSynced } from '../helpers/clients.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { readMetric } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

describe('rooms in memory', () => {
  it('gives a client that arrives while its room unloads the full document', async () => {
    const grace = 15
    const server = await startServer({ env: { ROOM_UNLOAD_GRACE_MS: String(grace) } })
    const site = await Site.open(server)
    const expected: string[] = []
    for (let round = 0; round < 25; round++) {
      const writer = await site.connect('unloading')
      await waitForSynced(writer)
      writer.doc.getArray<string>('tokens').push([`t${round}`])
      expected.push(`t${round}`)
      await waitFor(
        async () =>
          (await readMetric(server.httpUrl, 'mufakat_store_commit_seconds_count')) >= round + 1,
        'the token to be committed',
      )
      writer.destroy()
      // Arrive before, around and after the moment the room unloads.
      await new Promise((resolve) => setTimeout(resolve, (round * 3) % (grace * 2 + 5)))
      const tokens = (await site.read('unloading', { arrays: ['tokens'] })).tokens
      expect(tokens).toEqual(expected)
    }
    await server.stop()
  })

  it('unloads a room after its last client leaves and the grace period passes', async () => {
    const server = await startServer({ env: { ROOM_UNLOAD_GRACE_MS: '50' } })
    const site = await Site.open(server)
    const clients = await Promise.all(
      Array.from({ length: 10 }, (_, index) => site.connect(`room-${index}`)),
    )
    await Promise.all(clients.map((client) => waitForSynced(client)))
    expect(await readMetric(server.httpUrl, 'mufakat_rooms_loaded')).toBe(10)
    for (const client of clients) client.destroy()
    await waitFor(
      async () => (await readMetric(server.httpUrl, 'mufakat_rooms_loaded')) === 0,
      'every room to unload',
    )
    expect(await readMetric(server.httpUrl, 'mufakat_connections')).toBe(0)
    await server.stop()
  })

  it('reaps a socket that stops answering pings and removes its presence for everyone', async () => {
    const server = await startServer({ env: { PING_INTERVAL_MS: '100' } })
    const site = await Site.open(server)
    const ghost = await site.connect('keepalive')
    const watcher = await site.connect('keepalive')
    await Promise.all([waitForSynced(ghost), waitForSynced(watcher)])
    ghost.provider.awareness.setLocalStateField('user', { name: 'Ghost' })
    await waitFor(
      () => watcher.provider.awareness.getStates().has(ghost.doc.clientID),
      'the watcher to see the ghost',
    )
    // The ghost's machine goes silent: nothing it receives is read, so no pong is sent.
    const socket = (ghost.provider.ws as unknown as WebSocket & { _socket: { pause(): void } })
      ._socket
    socket.pause()
    ghost.provider.shouldConnect = false
    await waitFor(
      () => !watcher.provider.awareness.getStates().has(ghost.doc.clientID),
      "the ghost's presence to be removed",
    )
    await waitFor(
      async () => (await readMetric(server.httpUrl, 'mufakat_connections')) === 1,
      'the dead socket to be closed',
    )
    await server.stop()
  })
})

describe('limits', () => {
  it('refuses sockets past the per-address limit with 4503 and accepts them again later', async () => {
    const server = await startServer({ env: { MAX_CONNECTIONS_PER_ADDRESS: '3' } })
    const site = await Site.open(server)
    await site.room('crowded')
    const held = await Promise.all([1, 2, 3].map(() => site.raw('crowded')))
    const extra = await site.raw('crowded')
    expect((await extra.closed).code).toBe(CloseCode.tryAgainLater)
    held[0]?.ws.close()
    await held[0]?.closed
    const again = await site.connect('crowded')
    await waitForSynced(again)
    await server.stop()
  })

  it('slows a sender past the message rate down without losing anything it sent', async () => {
    const server = await startServer({
      env: { MAX_MESSAGES_PER_SECOND: '200', MESSAGE_BURST: '20' },
    })
    const site = await Site.open(server)
    const reader = await site.connect('rate')
    await waitForSynced(reader)
    const raw = await site.raw('rate')
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => raw.send(syncUpdateFrame(update)))
    for (let i = 0; i < 150; i++) doc.getArray<number>('items').push([i])
    await waitFor(() => reader.doc.getArray('items').length === 150, 'all 150 updates to arrive')
    expect(reader.doc.getArray('items').toArray()).toEqual(Array.from({ length: 150 }, (_, i) => i))
    expect(raw.ws.readyState).toBe(raw.ws.OPEN)
    raw.ws.close()
    await server.stop()
  })

  it('closes with 1009 an update that would grow the document past its limit, storing none of it', async () => {
    const server = await startServer({ env: { MAX_DOCUMENT_BYTES: '4096' } })
    const site = await Site.open(server)
    const writer = await site.connect('bounded')
    await waitForSynced(writer)
    writer.doc.getText('plan').insert(0, 'small and fine')
    await waitFor(
      async () => (await readMetric(server.httpUrl, 'mufakat_store_commit_seconds_count')) >= 1,
      'the small edit to be stored',
    )
    writer.doc.getText('plan').insert(0, 'x'.repeat(8000))
    await waitFor(
      () => writer.closes.some((close) => close.code === CloseCode.tooBig),
      'the writer to be closed with 1009',
    )
    writer.destroy()
    expect(await site.read('bounded', { texts: ['plan'] })).toEqual({
      plan: 'small and fine',
    })
    await server.stop()
  })

  it('cuts a reader that stops reading instead of buffering for it without end', async () => {
    const server = await startServer({ env: { MAX_SEND_BUFFER_BYTES: '65536' } })
    const site = await Site.open(server)
    const writer = await site.connect('slow')
    const reader = await site.connect('slow')
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])
    const slow = await site.raw('slow')
    ;(slow.ws as unknown as { _socket: { pause(): void } })._socket.pause()
    const text = writer.doc.getText('plan')
    const connections = () => readMetric(server.httpUrl, 'mufakat_connections')
    const cut = async () => (await connections()) === 2
    await waitFor(async () => (await connections()) === 3, 'the slow reader to be connected')
    // The kernel's socket buffers on loopback take in megabytes before the server's own queue
    // grows (autotuned, more so on a busy machine): write until the server cuts the reader,
    // well below the document's limit.
    for (let i = 0; i < 300 && !(i % 10 === 9 && (await cut())); i++) {
      text.insert(text.length, `${i}`.padEnd(100_000, '.'))
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await waitFor(cut, 'the slow reader to be cut')
    await waitFor(() => reader.doc.getText('plan').length === text.length, 'the reader to keep up')
    await server.stop()
  })
})
