import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { destroyClients, waitForSynced } from '../helpers/clients.js'
import { itSqliteOnly } from '../helpers/postgres.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { countStored, openStore, readMetric } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

describe('durability', () => {
  it('keeps the document across a graceful restart, closing clients with 1001', async () => {
    const server = await startServer()
    const site = await Site.open(server)
    const writer = await site.connect('restart')
    await waitForSynced(writer)
    writer.doc.getText('plan').insert(0, 'Vision: a walkable, green Bandung.')
    const reader = await site.connect('restart')
    await waitFor(
      () => reader.doc.getText('plan').toString().startsWith('Vision'),
      'the reader to see the text',
    )
    expect(await server.stop('SIGTERM')).toBe(0)
    expect(writer.closes.map((close) => close.code)).toContain(CloseCode.goingAway)
    writer.destroy()
    reader.destroy()

    const restarted = await startServer({ dataDir: server.dataDir })
    const again = site.on(restarted)
    expect(await again.read('restart', { texts: ['plan'] })).toEqual({
      plan: 'Vision: a walkable, green Bandung.',
    })
    await restarted.stop()
  })

  it('shuts down cleanly when the signal comes twice, keeping what was written', async () => {
    const server = await startServer()
    const site = await Site.open(server)
    const writer = await site.connect('twice')
    await waitForSynced(writer)
    writer.doc.getText('plan').insert(0, 'Kept through two signals.')
    const reader = await site.connect('twice')
    await waitFor(
      () => reader.doc.getText('plan').toString() === 'Kept through two signals.',
      'the reader to see the text',
    )
    // An impatient operator (or a supervisor) signals again while the first shutdown runs.
    const exited = server.stop('SIGTERM')
    await waitFor(() => server.output.some((line) => line.includes('shutting down')), 'shutdown')
    try {
      process.kill(server.pid, 'SIGTERM')
    } catch {
      // Already done shutting down: nothing for the second signal to interrupt.
    }
    expect(await exited).toBe(0)
    writer.destroy()
    reader.destroy()
    const restarted = await startServer({ dataDir: server.dataDir })
    expect(await site.on(restarted).read('twice', { texts: ['plan'] })).toEqual({
      plan: 'Kept through two signals.',
    })
    await restarted.stop()
  })

  for (const durability of ['full', 'normal']) {
    it(`loses nothing any client has seen when the process is killed with -9 (DURABILITY=${durability})`, async () => {
      const server = await startServer({ env: { DURABILITY: durability } })
      const site = await Site.open(server)
      const writers = await Promise.all(Array.from({ length: 4 }, () => site.connect('crash')))
      const observer = await site.connect('crash')
      await Promise.all([...writers, observer].map((client) => waitForSynced(client)))
      const seen = () => new Set(observer.doc.getArray<string>('tokens').toArray())

      let counter = 0
      const timers = writers.map((writer, index) =>
        setInterval(() => {
          writer.doc.getArray<string>('tokens').push([`w${index}-${counter++}`])
        }, 1),
      )
      await waitFor(() => seen().size >= 200, 'the observer to receive 200 tokens')
      expect(await server.stop('SIGKILL')).toBe('SIGKILL')
      for (const timer of timers) clearInterval(timer)
      const observed = seen()
      for (const client of [...writers, observer]) client.destroy()

      const restarted = await startServer({ dataDir: server.dataDir })
      const again = site.on(restarted)
      const stored = new Set((await again.read('crash', { arrays: ['tokens'] })).tokens as string[])
      const missing = [...observed].filter((token) => !stored.has(token))
      expect(missing).toEqual([])
      expect(observed.size).toBeGreaterThanOrEqual(200)
      await restarted.stop()
    })
  }

  it('compacts the log into a snapshot and keeps the document identical', async () => {
    const env = { COMPACT_AFTER_UPDATES: '25' }
    const server = await startServer({ env })
    const site = await Site.open(server)
    const writer = await site.connect('compaction')
    const reader = await site.connect('compaction')
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])
    const text = writer.doc.getText('plan')
    for (let i = 0; i < 120; i++) {
      text.insert(Math.floor(text.length / 2), `${i} `)
      if (i % 7 === 0) text.delete(0, 1)
      // Relayed means committed: each edit is its own row in the log.
      await waitFor(
        () => reader.doc.getText('plan').toString() === text.toString(),
        `edit ${i} to be relayed`,
      )
    }
    await waitFor(
      async () => (await readMetric(server.httpUrl, 'mufakat_compaction_seconds_count')) >= 4,
      'at least four compactions',
    )
    const expected = text.toString()
    expect(await site.read('compaction', { texts: ['plan'] })).toEqual({ plan: expected })
    expect(await server.stop()).toBe(0)
    writer.destroy()
    reader.destroy()

    const room = await site.room('compaction')
    expect(
      await countStored(server, 'SELECT count(*) AS n FROM room_snapshot WHERE room = ?', room),
    ).toBe(1)
    expect(
      await countStored(server, 'SELECT count(*) AS n FROM room_update WHERE room = ?', room),
    ).toBeLessThan(25)

    const restarted = await startServer({ dataDir: server.dataDir, env })
    const again = site.on(restarted)
    expect(await again.read('compaction', { texts: ['plan'] })).toEqual({ plan: expected })
    await restarted.stop()
  })

  itSqliteOnly(
    'stops relaying and closes the room with 1011 when a commit fails, then recovers',
    async () => {
      const server = await startServer({ env: { SQLITE_BUSY_TIMEOUT_MS: '20' } })
      const site = await Site.open(server)
      const writer = await site.connect('locked')
      const reader = await site.connect('locked')
      await Promise.all([waitForSynced(writer), waitForSynced(reader)])

      // Another process holds the write lock: the server's commit cannot go through.
      const db = openStore(server.dataDir)
      db.exec('BEGIN IMMEDIATE')
      writer.doc.getText('plan').insert(0, 'written while the disk refused')
      await waitFor(
        () => writer.closes.some((close) => close.code === CloseCode.storageFailed),
        'the writer to be closed with 1011',
      )
      await waitFor(
        () => reader.closes.some((close) => close.code === CloseCode.storageFailed),
        'the reader to be closed with 1011 too',
      )
      // Nothing that failed to store was relayed.
      expect(reader.doc.getText('plan').toString()).toBe('')
      db.exec('COMMIT')
      db.close()

      // The clients reconnect by themselves; the writer's edit is stored this time.
      await waitFor(
        () => reader.doc.getText('plan').toString() === 'written while the disk refused',
        'the reader to receive the edit once storage works again',
      )
      await server.stop()
      const restarted = await startServer({ dataDir: server.dataDir })
      const again = site.on(restarted)
      expect(await again.read('locked', { texts: ['plan'] })).toEqual({
        plan: 'written while the disk refused',
      })
      await restarted.stop()
    },
  )

  itSqliteOnly(
    'refuses a room whose stored history does not load, and never recreates it empty',
    async () => {
      const server = await startServer()
      const site = await Site.open(server)
      const writer = await site.connect('healthy')
      await waitForSynced(writer)
      writer.doc.getText('plan').insert(0, 'fine')
      await waitFor(
        async () => (await readMetric(server.httpUrl, 'mufakat_store_commit_seconds_count')) >= 1,
        'a commit',
      )
      const broken = await site.room('broken')
      await server.stop()
      writer.destroy()

      const db = openStore(server.dataDir)
      db.prepare('INSERT INTO room_update (room, data) VALUES (?, ?)').run(
        broken,
        Buffer.from([1, 2, 3]),
      )
      db.close()

      const restarted = await startServer({ dataDir: server.dataDir })
      const again = site.on(restarted)
      const victim = await again.connect('broken')
      await waitFor(
        () => victim.closes.some((close) => close.code === CloseCode.storageFailed),
        'the broken room to refuse with 1011',
      )
      victim.doc.getText('plan').insert(0, 'must not be stored')
      // The provider comes back with its change and is refused again: that is what must not store.
      await waitFor(
        () => victim.closes.filter((close) => close.code === CloseCode.storageFailed).length >= 2,
        'the retry to be refused with 1011 too',
      )
      victim.destroy()
      expect(await again.read('healthy', { texts: ['plan'] })).toEqual({ plan: 'fine' })
      await restarted.stop()

      const check = openStore(server.dataDir)
      const rows = check.prepare('SELECT data FROM room_update WHERE room = ?').all(broken) as {
        data: Buffer
      }[]
      check.close()
      expect(rows.map((row) => [...row.data])).toEqual([[1, 2, 3]])
    },
  )
})
