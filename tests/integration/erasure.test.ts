import { statSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, expect, it } from 'vitest'
import { openSqlite } from '../../server/src/store/sqlite/sqlite-engine.js'
import { SqliteErasure } from '../../server/src/store/sqlite/sqlite-erasure.js'
import { Durability } from '../../server/src/store/sqlite/sqlite-files.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { makeDataDir, removeDataDirs } from '../helpers/server.js'
import { openStore } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

afterAll(() => removeDataDirs())

describeSqliteOnly('erasure (SQLite file)', () => {
  it('says in the log when another reader keeps the WAL from emptying, and again once it is empty', async () => {
    const dataDir = makeDataDir()
    const { db } = await openSqlite({ dataDir, durability: Durability.full, busyTimeoutMs: 5000 })
    const said: string[] = []
    const record = (_fields: object, message: string) => void said.push(message)
    const erasure = new SqliteErasure(db, {
      busyTimeoutMs: 5000,
      logger: { info: record, error: record },
      retryDelaysMs: [1, 5, 20],
    })
    await db
      .insertInto('room_update')
      .values({ room: 'r', node: '', data: Buffer.alloc(64_000, 7) })
      .execute()
    const wal = join(dataDir, 'mufakat.db-wal')
    expect(statSync(wal).size).toBeGreaterThan(0)

    const reader = openStore(dataDir)
    reader.exec('BEGIN')
    reader.prepare('SELECT count(*) FROM room_update').get()
    await db.deleteFrom('room_update').where('room', '=', 'r').execute()
    const started = Date.now()
    expect(await erasure.flush('room r')).toBe(false)
    // Never waited on the lock for the busy timeout (5 s) in between.
    expect(Date.now() - started).toBeLessThan(2000)
    expect(said).toEqual([expect.stringMatching(/still in the write-ahead log/)])
    expect(statSync(wal).size).toBeGreaterThan(0)

    reader.exec('COMMIT')
    reader.close()
    await waitFor(() => said.length === 2, 'the background retry to succeed')
    expect(said[1]).toBe('erased rows left the disk')
    expect(statSync(wal).size).toBe(0)
    expect(await erasure.tryCheckpoint()).toBe(true)
    // The connection's own busy timeout is back after each attempt.
    const { rows } = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(db)
    expect(rows[0]?.timeout).toBe(5000)
    erasure.close()
    await db.destroy()
  })
})
