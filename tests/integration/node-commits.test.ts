import pg from 'pg'
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { roomStorageOver } from '../../server/src/room-storage.js'
import { openStorage, type Storage } from '../../server/src/store/open-storage.js'
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres.js'
import { commit, keystrokes, seedPlan } from '../helpers/room-commits.js'
import { waitFor } from '../helpers/wait.js'

/*
 * Two nodes committing the same rooms of one PostgreSQL database, with a third session that
 * holds a row lock to stop one commit mid-way: each node numbers its own commits, so neither
 * waits for the other to take a number, and the rows they both write are locked in one order.
 */

const quiet = { info: () => {}, error: () => {} }

type Nodes = { one: Storage; two: Storage; observer: pg.Client }
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

const twoNodes = async (): Promise<Nodes> => {
  const database = await createTestDatabase()
  const open = () =>
    openStorage(
      { engine: 'postgres', url: database.url, cluster: true },
      { logger: quiet, effectFailed: () => undefined },
    )
  const one = await open()
  const two = await open()
  const observer = new pg.Client({ connectionString: database.url })
  cleanups.push(async () => {
    await observer.end().catch(() => undefined)
    await one.close()
    await two.close()
    await database.drop()
  })
  await observer.connect()
  await seedPlan(one)
  return { one, two, observer }
}

/** Waits until some session waits for a lock (a commit stopped mid-way). */
const waitersAtLeast = (observer: pg.Client, count: number, what: string) =>
  waitFor(
    async () =>
      (await observer.query('SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted')).rows[0]
        .n >= count,
    what,
  )

/** Fails with `what` if `work` has not resolved within five seconds. */
const within5s = async <T>(work: Promise<T>, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), 5000)
  })
  return await Promise.race([work, late]).finally(() => clearTimeout(timer))
}

await describeWithPostgres('room commits of several nodes (PostgreSQL)', () => {
  it('each node numbers its own: one commits a room while another’s commit of it waits mid-way', async () => {
    const { one, two, observer } = await twoNodes()
    const a = roomStorageOver(one, 'node-a')
    const b = roomStorageOver(two, 'node-b')
    const [first, second, third] = keystrokes() as [Uint8Array, Uint8Array, Uint8Array]
    expect((await a.append([commit('plan', first, {})])).get('plan')).toEqual(
      new Map([['node-a', 1]]),
    )
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
    await waitersAtLeast(observer, 1, 'node a’s commit to wait for its head')
    // Node b does not wait for it: its commit of the same room is stored, as its own 1.
    const stored = await within5s(
      b.append([commit('plan', third, {})]),
      'node b waited for node a’s commit',
    )
    // Its answer says node a's last number as stored: 1 (its 2 is not committed).
    expect(stored.get('plan')).toEqual(
      new Map([
        ['node-b', 1],
        ['node-a', 1],
      ]),
    )
    expect(aDone).toBe(false)
    await observer.query('COMMIT')
    expect((await held).get('plan')?.get('node-a')).toBe(2)
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
  })

  it.each([
    ['one statement', false],
    ['a transaction of statements', true],
  ])(
    'two nodes committing the same rooms listed in opposite orders lock their rows in one order: no deadlock (%s)',
    async (_, ruled) => {
      const { one, two, observer } = await twoNodes()
      for (const room of ['r1', 'r2'])
        await one.repositories.documents.insertWorkspaceRoom(room, 'w', 'doc')
      const a = roomStorageOver(one, 'node-a')
      const b = roomStorageOver(two, 'node-b')
      const alongside = ruled ? [async () => undefined] : []
      const keystroke = (room: string, client: number) =>
        commit(room, keystrokes()[0] as Uint8Array, {
          writers: [[client, 'p-ani']],
          edits: [{ principal: 'p-ani', added: 1, removed: 0 }],
          alongside,
        })
      // Every commit counts into the same activity rows, one per room and minute: not across a
      // minute's end.
      const intoMinute = Date.now() % 60_000
      if (intoMinute > 50_000)
        await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute))
      const minute = Math.floor(Date.now() / 60_000)
      await a.append([keystroke('r1', 1), keystroke('r2', 1)])
      // r1's activity row held: node a's commit (r1, then r2) stops at it.
      await observer.query('BEGIN')
      await observer.query(
        "SELECT * FROM room_activity WHERE room = 'r1' AND participant_id = 'p-ani' AND minute = $1 FOR UPDATE",
        [minute],
      )
      const byA = a.append([keystroke('r1', 2), keystroke('r2', 2)])
      await waitersAtLeast(observer, 1, 'node a’s commit to wait for r1’s row')
      // Node b lists r2 first: taken in that order, it would hold r2 and wait for r1, while node
      // a, once let go, holds r1 and waits for r2.
      const byB = b.append([keystroke('r2', 3), keystroke('r1', 3)])
      await waitersAtLeast(observer, 2, 'node b’s commit to wait too')
      await observer.query('COMMIT')
      const [seqsA, seqsB] = await within5s(Promise.all([byA, byB]), 'the two commits deadlocked')
      const own = (answer: ReadonlyMap<string, ReadonlyMap<string, number>>, node: string) =>
        Object.fromEntries([...answer].map(([room, heads]) => [room, heads.get(node)]))
      expect(own(seqsA, 'node-a')).toEqual({ r1: 2, r2: 2 })
      expect(own(seqsB, 'node-b')).toEqual({ r1: 1, r2: 1 })
      const { rows } = await observer.query(
        "SELECT room, updates FROM room_activity WHERE participant_id = 'p-ani' ORDER BY room",
      )
      expect(rows).toEqual([
        { room: 'r1', updates: 3 },
        { room: 'r2', updates: 3 },
      ])
    },
  )

  it('a read of one node sees one snapshot: what another node commits meanwhile is not half in it', async () => {
    const { one, two } = await twoNodes()
    const b = roomStorageOver(two, 'node-b')
    const [first, second] = keystrokes() as [Uint8Array, Uint8Array]
    await b.append([commit('plan', first, {})])
    const rows = async () =>
      (
        await one.units.db
          .selectFrom('room_update')
          .select('id')
          .where('room', '=', 'plan')
          .execute()
      ).length
    const seen = await one.units.read(async () => {
      const before = await rows()
      // Node b commits while node a's read is under way (its own unit: not part of this read).
      await b.append([commit('plan', second, {})])
      return [before, await rows()]
    })
    // A load reads the log, the snapshot and the heads in turn: one snapshot for all, or a
    // room deleted between them looks changed by hand.
    expect(seen).toEqual([1, 1])
    expect(await rows()).toBe(2)
  })
})
