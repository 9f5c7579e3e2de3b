import { Worker } from 'node:worker_threads'
import pg from 'pg'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { roomStorageOver } from '../../server/src/room-storage.js'
import { openStorage, type Storage } from '../../server/src/store/open-storage.js'
import { Durability } from '../../server/src/store/sqlite/sqlite-files.js'
import type { RoomCommit } from '../../server/src/sync/ports.js'
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres.js'
import { makeDataDir, removeDataDirs } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

/*
 * A room commit stores the same rows whichever way it takes: a plain commit (no deletions, no
 * rules' writes) is one trip to the database (on PostgreSQL one statement, on SQLite one
 * message to the writer thread), any other a transaction of several statements. Both are run
 * side by side on each engine and must agree.
 */

afterAll(() => removeDataDirs())

const quiet = { info: () => {}, error: () => {} }
type Opened = { storage: Storage; cleanup: () => Promise<void> }

const openSqlite = async (): Promise<Opened> => {
  const storage = await openStorage(
    { engine: 'sqlite', dataDir: makeDataDir(), durability: Durability.full, busyTimeoutMs: 100 },
    { logger: quiet, effectFailed: () => undefined },
  )
  return { storage, cleanup: () => storage.close() }
}

const openPostgres = async (): Promise<Opened> => {
  const database = await createTestDatabase()
  const storage = await openStorage(
    { engine: 'postgres', url: database.url },
    { logger: quiet, effectFailed: () => undefined },
  )
  return {
    storage,
    cleanup: async () => {
      await storage.close()
      await database.drop()
    },
  }
}

/** Three keystrokes in a plan, as the document emits them. */
const keystrokes = (): Uint8Array[] => {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (const key of ['a', 'b', 'c']) doc.getText('plan').insert(0, key)
  return updates
}

const commit = (room: string, update: Uint8Array, fields: Partial<RoomCommit>): RoomCommit => ({
  room,
  update,
  authors: new Map([['p-ani', 1]]),
  writers: [],
  deletions: [],
  edits: [],
  alongside: [],
  ...fields,
})

/** Counts the messages posted to worker threads (the SQLite writer's) until stopped. */
const countPosted = () => {
  const post = Worker.prototype.postMessage
  let count = 0
  Worker.prototype.postMessage = function (
    this: Worker,
    ...args: Parameters<Worker['postMessage']>
  ) {
    count++
    return post.apply(this, args)
  }
  return {
    stop: () => {
      Worker.prototype.postMessage = post
      return count
    },
  }
}

/** How many rows of any table a commit writes belong to `room`. */
const rowsOfRoom = async ({ units }: Storage, room: string): Promise<number> => {
  let rows = 0
  for (const table of [
    'room_head',
    'room_update',
    'room_activity',
    'room_edit',
    'room_writer',
  ] as const) {
    const found = await units.db.selectFrom(table).select('room').where('room', '=', room).execute()
    rows += found.length
  }
  return rows
}

/** A workspace with Ani (media) and its room `plan`. */
const seedPlan = async (storage: Storage): Promise<void> => {
  const created = '2026-12-06T00:00:00.000Z'
  await storage.repositories.workspaces.insertWorkspace({
    id: 'w',
    name: 'Depok',
    description: '',
    createdAt: created,
    language: 'en',
  })
  await storage.repositories.workspaces.insertParticipant({
    id: 'p-ani',
    workspaceId: 'w',
    displayName: 'Ani',
    group: 'media',
    role: 'stakeholder',
    tokenHash: 'h',
    joinedAt: created,
  })
  await storage.repositories.documents.insertWorkspaceRoom('plan', 'w', 'doc')
}

const contract = (open: () => Promise<Opened>, engine: 'sqlite' | 'postgres') => {
  const opened: Opened[] = []
  afterEach(async () => {
    for (const one of opened.splice(0)) await one.cleanup()
  })

  /** Commits three keystrokes to `room` (and one to a room that does not exist), then reads back. */
  const storeAndRead = async (ruled: boolean) => {
    const one = await open()
    opened.push(one)
    const { storage } = one
    await seedPlan(storage)
    let plainStores = 0
    const rooms = roomStorageOver(
      {
        units: storage.units,
        plainCommits: {
          store: (batch, at, node) => {
            plainStores++
            return storage.plainCommits.store(batch, at, node)
          },
        },
      },
      'node-1',
    )
    const kept: string[] = []
    // A rules' write beside the update takes the path of several statements.
    const alongside = ruled ? [async () => void kept.push('audit')] : []
    const [first, second, third] = keystrokes() as [Uint8Array, Uint8Array, Uint8Array]
    const before = Date.now()
    // Messages to the SQLite writer thread (none on PostgreSQL).
    const posted = countPosted()
    const answers = [
      await rooms.append([
        commit('plan', first, {
          authors: new Map([['p-ani', 2]]),
          writers: [[11, 'p-ani']],
          edits: [{ principal: 'p-ani', added: 5, removed: 1 }],
          alongside,
        }),
        // Deleted meanwhile (or never there): left out, nothing of it stored.
        commit('gone', first, {
          writers: [[11, 'p-ani']],
          edits: [{ principal: 'p-ani', added: 3, removed: 0 }],
          alongside,
        }),
      ]),
      await rooms.append([
        commit('plan', second, {
          // 11 is known already: its first writer keeps it.
          writers: [
            [11, 'p-other'],
            [12, 'p-ani'],
          ],
          edits: [{ principal: 'p-ani', added: 2, removed: 0 }],
          alongside,
        }),
      ]),
      await rooms.append([commit('plan', third, { alongside })]),
    ]
    const trips = posted.stop()
    const loaded = await rooms.load('plan')
    const doc = new Y.Doc()
    for (const update of loaded.updates) Y.applyUpdate(doc, update)
    const activity = await storage.repositories.activity.list('plan')
    return {
      answers: answers.map((answer) => Object.fromEntries(answer)),
      heads: Object.fromEntries(loaded.heads),
      logLength: loaded.logLength,
      text: doc.getText('plan').toString(),
      writers: Object.fromEntries(loaded.writers),
      groups: Object.fromEntries(await storage.repositories.authorship.writerGroups('plan')),
      updates: activity.reduce((sum, row) => sum + row.updates, 0),
      activityOf: [...new Set(activity.map((row) => row.participantId))],
      edits: await storage.repositories.activity.editsByGroup('w', before, Date.now()),
      gone: await rooms.load('gone'),
      goneRows: await rowsOfRoom(storage, 'gone'),
      kept,
      plainStores,
      trips,
    }
  }

  it('stores a plain commit and one with rules’ writes alike: numbered, counted, attributed; nothing of a room gone', async () => {
    const plain = await storeAndRead(false)
    const ruled = await storeAndRead(true)
    const expected = {
      answers: [{ plan: 1 }, { plan: 2 }, { plan: 3 }],
      heads: { 'node-1': 3 },
      logLength: 3,
      text: 'cba',
      writers: { 11: 'p-ani', 12: 'p-ani' },
      groups: {
        11: { participantId: 'p-ani', group: 'media' },
        12: { participantId: 'p-ani', group: 'media' },
      },
      updates: 4,
      activityOf: ['p-ani'],
      edits: { added: { media: 7 }, removed: { media: 1 } },
      gone: {
        updates: [],
        logLength: 0,
        logBytes: 0,
        storedBytes: 0,
        heads: new Map(),
        writers: new Map(),
      },
      goneRows: 0,
    }
    const { trips: plainTrips, ...plainRows } = plain
    const { trips: ruledTrips, ...ruledRows } = ruled
    expect(plainRows).toEqual({ ...expected, kept: [], plainStores: 3 })
    expect(ruledRows).toEqual({ ...expected, kept: ['audit', 'audit', 'audit'], plainStores: 0 })
    if (engine === 'sqlite') {
      // One message per plain commit; the transaction of statements sends one per statement.
      expect(plainTrips).toBe(3)
      expect(ruledTrips).toBeGreaterThanOrEqual(3 * 6)
    }
  })
}

describe('room commits: SQLite', () => contract(openSqlite, 'sqlite'))

await describeWithPostgres('room commits: PostgreSQL', () => contract(openPostgres, 'postgres'))

await describeWithPostgres('room commits of several nodes (PostgreSQL)', () => {
  it('each node numbers its own: one commits a room while another’s commit of it waits mid-way', async () => {
    const database = await createTestDatabase()
    const open = () =>
      openStorage(
        { engine: 'postgres', url: database.url, cluster: true },
        { logger: quiet, effectFailed: () => undefined },
      )
    const storages = [await open(), await open()]
    const [one, two] = storages as [Storage, Storage]
    const observer = new pg.Client({ connectionString: database.url })
    try {
      await seedPlan(one)
      await observer.connect()
      const a = roomStorageOver(one, 'node-a')
      const b = roomStorageOver(two, 'node-b')
      const [first, second, third] = keystrokes() as [Uint8Array, Uint8Array, Uint8Array]
      expect((await a.append([commit('plan', first, {})])).get('plan')).toBe(1)
      // Node a's next commit is held mid-way: a transaction holds its head of the room.
      await observer.query('BEGIN')
      await observer.query(
        "SELECT seq FROM room_head WHERE room = 'plan' AND node = 'node-a' FOR UPDATE",
      )
      let aDone = false
      const held = a.append([commit('plan', second, {})]).then((seqs) => {
        aDone = true
        return seqs
      })
      await waitFor(
        async () =>
          (
            await observer.query(
              "SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'",
            )
          ).rows[0].n > 0,
        'node a’s commit to wait for its head',
      )
      // Node b does not wait for it: its commit of the same room is stored, as its own 1.
      let timer: NodeJS.Timeout | undefined
      const waited = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('node b waited for node a’s commit')), 5000)
      })
      const stored = await Promise.race([b.append([commit('plan', third, {})]), waited]).finally(
        () => clearTimeout(timer),
      )
      expect(stored.get('plan')).toBe(1)
      expect(aDone).toBe(false)
      await observer.query('COMMIT')
      expect((await held).get('plan')).toBe(2)
      const loaded = await a.load('plan')
      expect(loaded.heads).toEqual(
        new Map([
          ['node-a', 2],
          ['node-b', 1],
        ]),
      )
      const doc = new Y.Doc()
      for (const update of loaded.updates) Y.applyUpdate(doc, update)
      expect(doc.getText('plan').toString()).toBe('cba')
    } finally {
      await observer.end().catch(() => undefined)
      for (const storage of storages) await storage.close()
      await database.drop()
    }
  })
})
