import { sql } from 'kysely'
import { afterAll, afterEach, expect, it } from 'vitest'
import { openSqlite, type SqliteDatabase } from '../../server/src/store/sqlite/sqlite-engine.js'
import { Durability } from '../../server/src/store/sqlite/sqlite-files.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { makeDataDir, removeDataDirs } from '../helpers/server.js'

/*
 * Statements sent whole to the SQLite writer thread (what a plain room commit is): one
 * transaction of their own, all kept or none, and never run inside a unit of work that holds
 * the thread's connection at the time.
 */

afterAll(() => removeDataDirs())

const opened: SqliteDatabase[] = []
afterEach(async () => {
  for (const one of opened.splice(0)) await one.db.destroy()
})

const open = async (): Promise<SqliteDatabase> => {
  const one = await openSqlite({
    dataDir: makeDataDir(),
    durability: Durability.full,
    busyTimeoutMs: 100,
  })
  opened.push(one)
  return one
}

const insertHead = (one: SqliteDatabase, room: string) =>
  sql`INSERT INTO room_head (room, node, seq) VALUES (${room}, '', 1) RETURNING room, seq`.compile(
    one.db,
  )

const heads = async ({ db }: SqliteDatabase): Promise<string[]> =>
  (await db.selectFrom('room_head').select('room').orderBy('room').execute()).map(
    ({ room }) => room,
  )

describeSqliteOnly('statements sent whole to the SQLite writer thread', () => {
  it('keeps all of them or, when one fails, none (answering SQLite’s code), and the next runs', async () => {
    const one = await open()
    const answers = await one.together([insertHead(one, 'a'), insertHead(one, 'b')])
    expect(answers.map(({ rows }) => rows)).toEqual([
      [{ room: 'a', seq: 1 }],
      [{ room: 'b', seq: 1 }],
    ])

    // 'c' before a statement that fails: rolled back with it.
    const failed = one.together([insertHead(one, 'c'), insertHead(one, 'a')])
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })
    await expect(
      one.together([
        insertHead(one, 'd'),
        sql`INSERT INTO no_such_table VALUES (1)`.compile(one.db),
      ]),
    ).rejects.toThrow(/no such table/)
    expect(await heads(one)).toEqual(['a', 'b'])

    // The connection was left in no transaction: both ways of writing still work.
    await one.together([insertHead(one, 'e')])
    await one.db.transaction().execute(async (trx) => {
      await trx.insertInto('room_head').values({ room: 'f', node: '', seq: 1 }).execute()
    })
    expect(await heads(one)).toEqual(['a', 'b', 'e', 'f'])
  })

  it('waits for a unit of work holding the connection and is not part of it', async () => {
    const one = await open()
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let written: () => void = () => {}
    const wrote = new Promise<void>((resolve) => {
      written = resolve
    })
    const unit = one.db.transaction().execute(async (trx) => {
      await trx.insertInto('room_head').values({ room: 'in-unit', node: '', seq: 1 }).execute()
      written()
      await held
      throw new Error('rolled back')
    })
    await wrote
    // Sent while the unit holds the connection: run inside it, it could not BEGIN (or would be
    // rolled back with it).
    const sent = one.together([insertHead(one, 'together')])
    release()
    await expect(unit).rejects.toThrow('rolled back')
    await sent
    expect(await heads(one)).toEqual(['together'])
  })
})
