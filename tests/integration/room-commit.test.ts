import { Worker } from 'node:worker_threads'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { roomStorageOver } from '../../server/src/room-storage.js'
import { openStorage, type Storage } from '../../server/src/store/open-storage.js'
import { Durability } from '../../server/src/store/sqlite/sqlite-files.js'
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres.js'
import { commit, keystrokes, seedPlan } from '../helpers/room-commits.js'
import { makeDataDir, removeDataDirs } from '../helpers/server.js'

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
      answers: answers.map((answer) =>
        Object.fromEntries([...answer].map(([room, heads]) => [room, Object.fromEntries(heads)])),
      ),
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
      answers: [{ plan: { 'node-1': 1 } }, { plan: { 'node-1': 2 } }, { plan: { 'node-1': 3 } }],
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
