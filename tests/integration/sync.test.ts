import * as decoding from 'lib0/decoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MessageType } from '../../shared/src/protocol/message-type.js'
import { destroyClients, syncUpdateFrame, waitForSynced } from '../helpers/clients.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

/** Deterministic pseudo-random numbers, so a failing interleaving can be replayed. */
const seededRandom = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed / 0x7fffffff
}

describe('sync with the official y-websocket client', () => {
  let server: TestServer
  let site: Site
  beforeAll(async () => {
    server = await startServer()
    site = await Site.open(server)
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('converges many clients editing concurrently while they disconnect and reconnect', async () => {
    const random = seededRandom(42)
    const room = 'churn'
    const clients = await Promise.all(Array.from({ length: 8 }, () => site.connect(room)))
    await Promise.all(clients.map((client) => waitForSynced(client)))

    for (let round = 0; round < 30; round++) {
      for (const [index, client] of clients.entries()) {
        // Array items are atomic, so every insert can be counted at the end.
        const items = client.doc.getArray<string>('items')
        items.insert(Math.floor(random() * (items.length + 1)), [`${index}.${round}`])
        const text = client.doc.getText('plan')
        text.insert(Math.floor(random() * (text.length + 1)), `${index}`)
        if (random() < 0.1) client.provider.disconnect()
        else if (!client.provider.wsconnected && random() < 0.5) client.provider.connect()
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
    for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect()

    const vectors = () => clients.map((client) => Y.encodeStateVector(client.doc).join())
    await waitFor(
      () => clients.every((client) => client.provider.synced) && new Set(vectors()).size === 1,
      'every client to reach the same state',
    )
    const first = clients[0]?.doc as Y.Doc
    for (const client of clients) {
      expect(client.doc.getText('plan').toString()).toBe(first.getText('plan').toString())
      expect(client.doc.getArray('items').toArray()).toEqual(first.getArray('items').toArray())
    }
    // Every insert of every client is there exactly once.
    const expected = clients.flatMap((_, index) =>
      Array.from({ length: 30 }, (_, round) => `${index}.${round}`),
    )
    expect([...first.getArray<string>('items').toArray()].sort()).toEqual(expected.sort())
    expect(first.getText('plan').length).toBe(8 * 30)
    // A late joiner sees exactly the same document.
    const late = await site.read(room, { arrays: ['items'], texts: ['plan'] })
    expect(late).toEqual({
      items: first.getArray('items').toJSON(),
      plan: first.getText('plan').toJSON(),
    })
  })

  it('gives a late joiner everything written before it arrived', async () => {
    const writer = await site.connect('late-joiner')
    await waitForSynced(writer)
    writer.doc.getMap('agenda').set('stage', 'options')
    writer.doc.getText('plan').insert(0, 'Mobility 2030: bus lanes on every arterial road.')
    await waitFor(() => writer.provider.synced, 'writer synced')
    const late = await site.connect('late-joiner')
    await waitForSynced(late)
    await waitFor(
      () => late.doc.getText('plan').toString().startsWith('Mobility 2030'),
      'the late joiner to have the text',
    )
    expect(late.doc.getMap('agenda').toJSON()).toEqual({ stage: 'options' })
  })

  it('merges edits made offline when the client reconnects', async () => {
    const a = await site.connect('offline')
    const b = await site.connect('offline')
    await Promise.all([waitForSynced(a), waitForSynced(b)])
    a.doc.getText('plan').insert(0, 'shared start. ')
    await waitFor(() => b.doc.getText('plan').toString() === 'shared start. ', 'b to see a')

    b.provider.disconnect()
    b.doc.getText('plan').insert(b.doc.getText('plan').length, 'written offline by b. ')
    // A witness online shows the server relayed a's edit: b, offline, did not get it.
    const witness = await site.connect('offline')
    a.doc.getText('plan').insert(0, 'written online by a. ')
    await waitForSynced(witness)
    await waitFor(
      () => witness.doc.getText('plan').toString().includes('online by a'),
      'the witness to see a',
    )
    expect(b.doc.getText('plan').toString()).not.toContain('online by a')

    b.provider.connect()
    await waitFor(
      () =>
        a.doc.getText('plan').toString() === b.doc.getText('plan').toString() &&
        a.doc.getText('plan').toString().includes('offline by b'),
      'a and b to merge',
    )
    expect(a.doc.getText('plan').toString()).toContain('online by a')
  })

  it('shows awareness to others and removes it when the socket closes', async () => {
    const ayu = await site.join('stakeholder', 'Ayu', 'community')
    const a = await site.connect('presence', { token: ayu.token })
    const b = await site.connect('presence')
    await Promise.all([waitForSynced(a), waitForSynced(b)])
    a.provider.awareness.setLocalStateField('user', { name: 'Ayu', group: 'community' })
    await waitFor(
      () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ayu',
      "b to see Ayu's presence",
    )
    // Query-awareness from a newcomer: the server answers with everyone present.
    const c = await site.connect('presence')
    await waitFor(
      () => c.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ayu',
      'a newcomer to see Ayu',
    )
    a.destroy()
    await waitFor(
      () => !b.provider.awareness.getStates().has(a.doc.clientID),
      "Ayu's presence to be removed for b",
    )
    await waitFor(
      () => !c.provider.awareness.getStates().has(a.doc.clientID),
      "Ayu's presence to be removed for c",
    )
  })

  it('tells a client that asks when its changes are on disk, and nobody else', async () => {
    const asking = await site.raw('saved')
    const other = await site.raw('saved')
    asking.send(new Uint8Array([MessageType.saved]))
    const doc = new Y.Doc()
    doc.getText('plan').insert(0, 'keep this safe')
    asking.send(syncUpdateFrame(Y.encodeStateAsUpdate(doc)))

    const savedVectors = () =>
      asking.received
        .filter((frame) => frame[0] === MessageType.saved)
        .map((frame) => {
          const decoder = decoding.createDecoder(frame)
          decoding.readVarUint(decoder)
          return Y.decodeStateVector(decoding.readVarUint8Array(decoder))
        })
    await waitFor(
      () => savedVectors().some((vector) => vector.get(doc.clientID) === 14),
      'an acknowledgement covering the edit',
    )
    // Acknowledged means stored: a fresh client reads it back.
    expect(await site.read('saved', { texts: ['plan'] })).toEqual({ plan: 'keep this safe' })
    expect(other.received.filter((frame) => frame[0] === MessageType.saved)).toEqual([])
    asking.ws.close()
    other.ws.close()
  })
})
