import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Storage } from '../../server/src/store/open-storage.js'
import { describeWithPostgres } from '../helpers/postgres.js'
import { removeDataDirs } from '../helpers/server.js'
import {
  editsOf,
  freshStorages,
  type Opened,
  openPostgresStorage,
  openSqliteStorage,
  rebuild,
} from '../helpers/storages.js'

/*
 * Each node numbers its own commits of a room; the numbers say what a node has read, what a
 * snapshot folds, and what compaction may delete. On both engines: the numbering, reading back
 * past each node's number, and a database whose numbers were changed by hand.
 */

afterAll(() => removeDataDirs())

/** Commits "a1 a2" by node a, compacted, then "a3": a snapshot and a log row. */
const compactedAndOne = async (storage: Storage) => {
  const log = storage.repositories.roomLog
  const { updates } = editsOf((doc) => {
    for (const word of ['a1', 'a2', 'a3']) doc.getArray<string>('items').push([word])
  })
  await log.append([{ room: 'n', update: updates[0] as Uint8Array }], 'a')
  await log.append([{ room: 'n', update: updates[1] as Uint8Array }], 'a')
  await storage.units.transaction((tx) => tx.roomLog.compact('n'))
  await log.append([{ room: 'n', update: updates[2] as Uint8Array }], 'a')
  return log
}

const numbers = (open: () => Promise<Opened>) => {
  const fresh = freshStorages(open)

  it('numbers each node’s commits of a room, reads back those past each node’s number, before and after compaction', async () => {
    const { storage } = await fresh()
    const log = storage.repositories.roomLog
    // Two nodes' commits, interleaved in the log: a, b, a, b, a, b.
    const a = editsOf((doc) => {
      for (let i = 0; i < 3; i++) doc.getArray<string>('items').push([`a${i}`])
    }).updates
    const b = editsOf((doc) => {
      for (let i = 0; i < 3; i++) doc.getArray<string>('items').push([`b${i}`])
    }).updates
    const numbers: [string, number | undefined][] = []
    let lastAnswer: ReadonlyMap<string, number> | undefined
    for (let i = 0; i < 3; i++) {
      for (const [node, update] of [
        ['a', a[i]],
        ['b', b[i]],
      ] as const) {
        const rooms = [{ room: 'n', update: update as Uint8Array }]
        // Another room in the same commit has numbers of its own.
        if (i % 2 === 0) rooms.push({ room: 'other', update: update as Uint8Array })
        lastAnswer = (await log.append(rooms, node)).get('n')
        numbers.push([node, lastAnswer?.get(node)])
      }
    }
    expect(numbers).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 2],
      ['b', 2],
      ['a', 3],
      ['b', 3],
    ])
    const all = new Map([
      ['a', 3],
      ['b', 3],
    ])
    // A commit's answer says the other node's last number too.
    expect(lastAnswer).toEqual(all)
    expect((await log.load('n')).heads).toEqual(all)
    const items = (applied: readonly Uint8Array[]) =>
      rebuild(applied).getArray<string>('items').toArray().sort()
    const everything = ['a0', 'a1', 'a2', 'b0', 'b1', 'b2']
    const first = [a[0], b[0]] as Uint8Array[]
    const holdingFirst = new Map([
      ['a', 1],
      ['b', 1],
    ])
    // A node holding each node's commit 1 misses nothing it reads back.
    const missed = await log.since('n', holdingFirst)
    expect(missed.heads).toEqual(all)
    expect(items([...first, ...missed.updates])).toEqual(everything)
    // A live document holding a's commits 1–3 but b's 1 only: b's 2 and 3 stay in the log,
    // though a's 3 sits after b's 2 in it.
    const partial = rebuild([...a, b[0] as Uint8Array])
    await storage.units.transaction((tx) =>
      tx.roomLog.compact('n', {
        encoded: Y.encodeStateAsUpdate(partial),
        heads: new Map([
          ['a', 3],
          ['b', 1],
        ]),
      }),
    )
    const loaded = await log.load('n')
    expect(loaded).toMatchObject({ heads: all, logLength: 2 })
    expect(items(loaded.updates)).toEqual(everything)
    // Commits folded into the snapshot come back with it.
    const folded = await log.since('n', holdingFirst)
    expect(folded.heads).toEqual(all)
    expect(items([...first, ...folded.updates])).toEqual(everything)
    expect(await log.since('n', all)).toEqual({ updates: [], heads: all })
    // A snapshot holding more of a node than the live document is folded, not overwritten.
    await storage.units.transaction((tx) =>
      tx.roomLog.compact('n', {
        encoded: Y.encodeStateAsUpdate(rebuild(first)),
        heads: holdingFirst,
      }),
    )
    expect(items((await log.load('n')).updates)).toEqual(everything)
  })

  it('loads numbers as they were given; refuses a room whose stored numbers pass them (changed by hand)', async () => {
    const { storage } = await fresh()
    const log = await compactedAndOne(storage)
    expect((await log.load('n')).heads).toEqual(new Map([['a', 3]]))
    // A snapshot claiming more of node a than it numbered: trusted, a node would skip a's next
    // commits as held, and compaction would delete them.
    await sql`UPDATE room_snapshot SET heads = '{"a":1000}'`.execute(storage.units.db)
    await expect(log.load('n')).rejects.toThrow(
      'room n: stored commits of node "a" reach 1000, past the 3 it numbered; the database was changed by hand',
    )
  })

  it('refuses a room whose numbering was deleted (it would start again at 1 and be skipped)', async () => {
    const { storage } = await fresh()
    const log = await compactedAndOne(storage)
    await sql`DELETE FROM room_head WHERE node = 'a'`.execute(storage.units.db)
    await expect(log.load('n')).rejects.toThrow('past the 0 it numbered')
  })

  it('keeps any node name, __proto__ too, and refuses unreadable snapshot numbers', async () => {
    const { storage } = await fresh()
    const log = storage.repositories.roomLog
    const { updates } = editsOf((doc) => doc.getArray<string>('items').push(['x']))
    await log.append([{ room: 'n', update: updates[0] as Uint8Array }], '__proto__')
    await storage.units.transaction((tx) => tx.roomLog.compact('n'))
    expect((await log.load('n')).heads).toEqual(new Map([['__proto__', 1]]))
    for (const heads of ['[1]', '{"a":-1}', '{"a":"1"}', '{"a":1.5}', 'null', 'not json']) {
      await sql`UPDATE room_snapshot SET heads = ${heads}`.execute(storage.units.db)
      await expect(log.load('n')).rejects.toThrow(
        "room n: its snapshot's commit numbers are unreadable",
      )
    }
  })
}

describe('commit numbers: SQLite', () => numbers(openSqliteStorage))

await describeWithPostgres('commit numbers: PostgreSQL', () => numbers(openPostgresStorage))
