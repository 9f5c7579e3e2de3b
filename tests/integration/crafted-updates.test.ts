import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { whyIncomplete } from '../../server/src/sync/complete-update.js'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import {
  type Client,
  connectClient,
  destroyClients,
  syncUpdateFrame,
  waitForSynced,
} from '../helpers/clients.js'
import { craftUpdate, withJunk } from '../helpers/crafted.js'
import { itSqliteOnly } from '../helpers/postgres.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'
import { siteForSuite } from '../helpers/suite.js'
import { waitFor } from '../helpers/wait.js'

/** A clock far past anything a client ever reached: everything before it is a gap. */
const farClock = 2 ** 50

const textOf = (client: Client): string => client.doc.getText('plan').toString()

/** A fresh client's view of the room: its text, the clients it knows, and what it holds back. */
const freshView = async (site: Site, title: string) => {
  const client = await site.connect(title)
  await waitForSynced(client)
  const view = {
    text: textOf(client),
    clients: [...Y.decodeStateVector(Y.encodeStateVector(client.doc)).keys()],
    pending: client.doc.store.pendingStructs !== null || client.doc.store.pendingDs !== null,
  }
  client.destroy()
  return view
}

/** Edits `doc` alone and answers the one update that edit emitted. */
const editOf = (doc: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array => {
  const updates: Uint8Array[] = []
  const record = (update: Uint8Array) => updates.push(update)
  doc.on('update', record)
  doc.transact(() => edit(doc))
  doc.off('update', record)
  expect(updates).toHaveLength(1)
  return updates[0] as Uint8Array
}

describe('crafted Yjs updates', () => {
  const suite = siteForSuite()

  /** Sends `frame` from a raw socket and answers its close code. */
  const refusedWith = async (title: string, frame: Uint8Array): Promise<number> => {
    const raw = await suite.site.raw(title)
    raw.send(frame)
    return (await raw.closed).code
  }

  /** Sends a well-formed update from a raw socket and waits until `watcher` has it. */
  const accepted = async (
    title: string,
    watcher: Client,
    update: Uint8Array,
    arrived: string | ((text: string) => boolean),
  ) => {
    const raw = await suite.site.raw(title)
    raw.send(syncUpdateFrame(update))
    const test = typeof arrived === 'string' ? (text: string) => text.includes(arrived) : arrived
    await waitFor(() => test(textOf(watcher)), 'the update to be relayed')
    raw.ws.close()
  }

  it('refuses an item after a gap in its client clock (2^50) with 1008: nothing applied, stored or served', async () => {
    const room = 'gap'
    const writer = await suite.site.connect(room)
    await waitForSynced(writer)
    writer.doc.getText('plan').insert(0, 'Kept. ')

    const gap = craftUpdate([{ client: 77, clock: farClock, texts: ['FORGED'] }])
    expect(await refusedWith(room, syncUpdateFrame(gap))).toBe(CloseCode.malformed)
    // A whole section next to the gap would integrate on its own in Yjs: nothing of it either.
    const mixed = craftUpdate([
      { client: 78, clock: 0, texts: ['ALSO-FORGED'] },
      { client: 77, clock: farClock, texts: ['FORGED'] },
    ])
    expect(await refusedWith(room, syncUpdateFrame(mixed))).toBe(CloseCode.malformed)

    // The good input: the same crafted shape starting where its client is, accepted.
    await accepted(room, writer, craftUpdate([{ client: 79, clock: 0, texts: ['Fine. '] }]), 'Fine')
    const view = await freshView(suite.site, room)
    expect(view.text).toBe(textOf(writer))
    expect(view.text).toContain('Fine. ')
    expect(view.text).toContain('Kept. ')
    expect(view.text).not.toContain('FORGED')
    expect(view.clients).not.toContain(77)
    expect(view.clients).not.toContain(78)
    expect(view.pending).toBe(false)
    expect(writer.closes).toEqual([])
  })

  it("refuses structs under another participant's client id with 1008: their offline edits survive", async () => {
    const room = 'client-id'
    const budi = await suite.site.join('stakeholder', 'Budi', 'community')
    const victim = await suite.site.connect(room, { token: budi.token })
    const reader = await suite.site.connect(room)
    await Promise.all([waitForSynced(victim), waitForSynced(reader)])
    // The official client shows presence under its document's client id.
    victim.provider.awareness.setLocalStateField('cursor', { anchor: 0 })
    victim.doc.getText('plan').insert(0, 'Budget: 5 billion.')
    await waitFor(() => textOf(reader).includes('Budget'), "Budi's text to arrive")
    // His network blinks while he types.
    victim.provider.disconnect()
    victim.doc.getText('plan').insert(textOf(victim).length, ' Approved.')

    const mallory = await suite.site.join('stakeholder', 'Mallory', 'business')
    const raw = await suite.site.raw(room, { token: mallory.token })
    // The good input: under her own client id, accepted.
    raw.send(syncUpdateFrame(craftUpdate([{ client: 616_161, clock: 0, texts: ['Hers. '] }])))
    await waitFor(() => textOf(reader).includes('Hers. '), "Mallory's own text")
    // The clocks Budi's offline edit took, taken first under his id.
    const budiClock = Y.getState(reader.doc.store, victim.doc.clientID)
    const forged = craftUpdate([{ client: victim.doc.clientID, clock: budiClock, texts: ['X'] }])
    raw.send(syncUpdateFrame(forged))
    expect((await raw.closed).code).toBe(CloseCode.malformed)

    victim.provider.connect()
    await waitFor(() => textOf(reader).includes('Approved.'), "Budi's offline edit to arrive")
    expect(textOf(reader)).not.toContain('X')
    expect(textOf(victim)).toBe(textOf(reader))
  })

  it('refuses an update followed by junk bytes with 1008, in an update or a sync step 2', async () => {
    const room = 'junk'
    const writer = await suite.site.connect(room)
    await waitForSynced(writer)
    const empty = craftUpdate([])
    // Shaped like yjs's own limit tests: an empty update (here with one empty delete-set
    // client) followed by bytes that another decoder would read as a huge count.
    const emptyDeletes = craftUpdate([], new Map([[35, []]]))
    for (const update of [
      withJunk(empty, [1, 2, 3]),
      withJunk(emptyDeletes, [0, 0, 16, 255, 199, 220, 255, 0, 0, 0]),
      withJunk(craftUpdate([{ client: 80, clock: 0, texts: ['JUNKED'] }]), [0]),
    ]) {
      expect(await refusedWith(room, syncUpdateFrame(update))).toBe(CloseCode.malformed)
      const step2 = syncUpdateFrame(update)
      step2[1] = 1
      expect(await refusedWith(room, step2)).toBe(CloseCode.malformed)
    }
    // Junk after the sync message itself (the update inside is fine) is refused as well.
    const trailing = withJunk(
      syncUpdateFrame(craftUpdate([{ client: 81, clock: 0, texts: ['T'] }])),
      [0],
    )
    expect(await refusedWith(room, trailing)).toBe(CloseCode.malformed)

    await accepted(
      room,
      writer,
      craftUpdate([{ client: 82, clock: 0, texts: ['Clean.'] }]),
      'Clean',
    )
    const view = await freshView(suite.site, room)
    expect(view.text).toBe('Clean.')
    expect(view.clients).toEqual([82])
  })

  it('refuses deletes of items nobody has with 1008, and accepts deletes of known items', async () => {
    const room = 'deletes'
    const writer = await suite.site.connect(room)
    await waitForSynced(writer)
    writer.doc.getText('plan').insert(0, 'abcdef')
    await waitFor(
      async () => (await freshView(suite.site, room)).text === 'abcdef',
      'the text to be stored',
    )
    const own = writer.doc.clientID
    for (const deletes of [
      new Map([[99, [[0, 3]] as [number, number][]]]),
      // Known client, but reaching past what it wrote.
      new Map([[own, [[4, 5]] as [number, number][]]]),
      new Map([[own, [[farClock, 1]] as [number, number][]]]),
    ]) {
      expect(await refusedWith(room, syncUpdateFrame(craftUpdate([], deletes)))).toBe(
        CloseCode.malformed,
      )
    }
    expect((await freshView(suite.site, room)).text).toBe('abcdef')

    const knownDeletes = craftUpdate([], new Map([[own, [[0, 2]]]]))
    await accepted(room, writer, knownDeletes, (text) => text === 'cdef')
  })

  it('accepts concurrent offline edits of several clients, converging', async () => {
    const room = 'offline'
    const first = await suite.site.connect(room)
    await waitForSynced(first)
    first.doc.getText('plan').insert(0, 'Shared start.')
    const others = await Promise.all([suite.site.connect(room), suite.site.connect(room)])
    const everyone = [first, ...others]
    await waitFor(
      () => everyone.every((client) => textOf(client) === 'Shared start.'),
      'everyone to have the start',
    )
    for (const client of everyone) client.provider.disconnect()
    for (const [index, client] of everyone.entries()) {
      const text = client.doc.getText('plan')
      text.insert(index * 3, `[${index}]`)
      text.delete(text.length - 1, 1)
      client.doc.getMap('meta').set(`by${index}`, index)
    }
    for (const client of everyone) client.provider.connect()
    await waitFor(
      () => new Set(everyone.map((client) => textOf(client))).size === 1,
      'the offline edits to converge',
    )
    expect(textOf(first)).toMatch(/^\[0\].*\[1\].*\[2\]/)
    const codes = everyone.flatMap((client) => client.closes.map((close) => close.code))
    expect(codes).not.toContain(CloseCode.malformed)
    const view = await freshView(suite.site, room)
    expect(view.text).toBe(textOf(first))
  })

  it('accepts an update with several clients depending on each other, and deletes of its own items', async () => {
    const room = 'relayed'
    const watcher = await suite.site.connect(room)
    await waitForSynced(watcher)
    // Three devices that met without the server (as tabs sharing a BroadcastChannel do).
    const [a, b, c] = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
    a.getText('plan').insert(0, 'alpha ')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    b.getText('plan').insert(3, 'BETA ')
    b.getText('plan').delete(0, 1)
    Y.applyUpdate(c, Y.encodeStateAsUpdate(b))
    c.getText('plan').insert(2, 'gamma ')
    a.getText('plan').insert(0, 'late ')
    Y.applyUpdate(c, Y.encodeStateAsUpdate(a))
    await accepted(room, watcher, Y.encodeStateAsUpdate(c), 'gamma')
    expect(textOf(watcher)).toBe(c.getText('plan').toString())

    const ownDelete = editOf(new Y.Doc(), (doc) => {
      doc.getText('plan').insert(0, 'typo fixed')
      doc.getText('plan').delete(0, 5)
    })
    const fresh = await suite.site.connect('own-delete')
    await waitForSynced(fresh)
    await accepted('own-delete', fresh, ownDelete, 'fixed')
    expect(textOf(fresh)).toBe('fixed')
    expect([...watcher.closes, ...fresh.closes]).toEqual([])
  })

  it('accepts a stored copy (as y-indexeddb keeps) edited offline while others wrote', async () => {
    const room = 'stored-copy'
    const other = await suite.site.connect(room)
    await waitForSynced(other)
    other.doc.getText('plan').insert(0, 'Base text.')
    const copy = new Y.Doc()
    const tab = connectClient(suite.server, await suite.site.room(room), {
      doc: copy,
      params: { token: suite.site.token },
    })
    await waitFor(() => copy.getText('plan').toString() === 'Base text.', 'the copy to sync')
    tab.provider.destroy()
    copy.getText('plan').insert(4, ' [offline]')
    copy.getText('plan').delete(0, 1)
    other.doc.getText('plan').insert(other.doc.getText('plan').length, ' Online.')

    const reopened = connectClient(suite.server, await suite.site.room(room), {
      doc: copy,
      params: { token: suite.site.token },
    })
    await waitFor(
      () => textOf(other) === copy.getText('plan').toString() && textOf(other).includes('offline'),
      'the stored copy and the room to converge',
    )
    expect(textOf(other)).toBe('ase [offline] text. Online.')
    expect(reopened.closes).toEqual([])
  })
})

describe('a gap in stored updates', () => {
  afterEach(() => destroyClients())
  afterAll(() => removeDataDirs())

  itSqliteOnly(
    'is dropped on load with a "lost data?" log line, and the room still serves',
    async () => {
      const server = await startServer()
      const site = await Site.open(server)
      const writer = await site.connect('lost')
      await waitForSynced(writer)
      writer.doc.getText('plan').insert(0, 'Before the loss.')
      await waitFor(
        async () => (await freshView(site, 'lost')).text === 'Before the loss.',
        'stored',
      )
      writer.destroy()
      expect(await server.stop()).toBe(0)

      const room = await site.room('lost')
      const db = openStore(server.dataDir)
      db.prepare('INSERT INTO room_update (room, data) VALUES (?, ?)').run(
        room,
        craftUpdate([{ client: 91, clock: 5, texts: ['AFTER A GAP'] }]),
      )
      db.close()

      const restarted = await startServer({ dataDir: server.dataDir })
      const again = site.on(restarted)
      const view = await freshView(again, 'lost')
      expect(view).toEqual({ text: 'Before the loss.', clients: view.clients, pending: false })
      expect(view.clients).not.toContain(91)
      // The log is written as the room loads, not necessarily before the first sync answers.
      await waitFor(() => restarted.output.some((line) => line.includes('lost data?')), 'logged')
      const warning = restarted.output.find((line) => line.includes('lost data?'))
      expect(warning).toContain(room)
      expect(warning).toContain('"missing":{"91":')

      const editor = await again.connect('lost')
      await waitForSynced(editor)
      editor.doc.getText('plan').insert(0, 'Still open. ')
      await waitFor(
        async () => (await freshView(again, 'lost')).text === 'Still open. Before the loss.',
        'the room to take edits after the loss',
      )
      await restarted.stop()
    },
  )
})

describe('the completeness check', () => {
  /** Deterministic pseudo-random numbers, so a disagreement can be replayed. */
  const seededRandom = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }

  it('agrees with Yjs on which updates would leave something pending, over random histories', () => {
    const random = seededRandom(12)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
    let refused = 0
    let accepted = 0
    for (let run = 0; run < 60; run++) {
      const devices = Array.from({ length: 4 }, () => new Y.Doc())
      const emitted: Uint8Array[] = []
      for (const device of devices)
        device.on('update', (update: Uint8Array) => emitted.push(update))
      const room = new Y.Doc()
      for (let step = 0; step < 40; step++) {
        const device = pick(devices)
        const text = device.getText('plan')
        const roll = random()
        if (roll < 0.4) text.insert(Math.floor(random() * (text.length + 1)), pick(['a', 'bc']))
        else if (roll < 0.55 && text.length > 0) text.delete(Math.floor(random() * text.length), 1)
        else if (roll < 0.65) device.getMap('meta').set(pick(['a', 'b']), step)
        else if (roll < 0.8) {
          Y.applyUpdate(device, Y.encodeStateAsUpdate(pick(devices), Y.encodeStateVector(device)))
        } else {
          // Any update some device emitted (often out of order), or a device's diff.
          const update = pick([
            pick(emitted.length > 0 ? emitted : [craftUpdate([])]),
            Y.encodeStateAsUpdate(device, Y.encodeStateVector(room)),
            Y.encodeStateAsUpdate(device, Y.encodeStateVector(pick(devices))),
          ])
          const verdict = whyIncomplete(update, room)
          const trial = new Y.Doc()
          Y.applyUpdate(trial, Y.encodeStateAsUpdate(room))
          Y.applyUpdate(trial, update)
          const pending = trial.store.pendingStructs !== null || trial.store.pendingDs !== null
          expect({ run, step, refused: verdict !== undefined }).toEqual({
            run,
            step,
            refused: pending,
          })
          if (verdict) refused++
          else {
            accepted++
            Y.applyUpdate(room, update)
          }
        }
      }
    }
    expect(refused).toBeGreaterThan(20)
    expect(accepted).toBeGreaterThan(100)
  })

  it('refuses a circle of items that each wait for the other', () => {
    const room = new Y.Doc()
    // Hand-made: 5's item has 6's as origin, and 6's item has 5's.
    const circle = new Uint8Array([
      ...[2, 1, 6, 0, 0x84, 5, 0, 1, 65], // client 6: one string item, origin 5:0, content "A"
      ...[1, 5, 0, 0x84, 6, 0, 1, 66], // client 5: one string item, origin 6:0, content "B"
      0,
    ])
    expect(whyIncomplete(circle, room)).toMatch(/circle/)
  })
})
