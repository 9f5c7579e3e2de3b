import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Durability, openDatabase } from '../../server/src/store/database.js'
import { Erasure } from '../../server/src/store/erasure.js'
import { makeDataDir, removeDataDirs } from '../helpers/server.js'
import { openStore } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

afterAll(() => removeDataDirs())

describe('erasure (SQLite)', () => {
  it('says in the log when another reader keeps the WAL from emptying, and again once it is empty', async () => {
    const dataDir = makeDataDir()
    const db = openDatabase({ dataDir, durability: Durability.full, busyTimeoutMs: 5000 })
    const said: string[] = []
    const record = (_fields: object, message: string) => void said.push(message)
    const erasure = new Erasure(db, {
      busyTimeoutMs: 5000,
      logger: { info: record, error: record },
      retryDelaysMs: [1, 5, 20],
    })
    db.prepare("INSERT INTO room_update (room, data) VALUES ('r', ?)").run(Buffer.alloc(64_000, 7))
    const wal = join(dataDir, 'mufakat.db-wal')
    expect(statSync(wal).size).toBeGreaterThan(0)

    const reader = openStore(dataDir)
    reader.exec('BEGIN')
    reader.prepare('SELECT count(*) FROM room_update').get()
    db.prepare("DELETE FROM room_update WHERE room = 'r'").run()
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
    expect(erasure.tryCheckpoint()).toBe(true)
    db.close()
  })
})
