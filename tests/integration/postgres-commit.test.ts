import pg from 'pg'
import { afterAll, afterEach, expect, it } from 'vitest'
import { destroyClients, waitForSynced } from '../helpers/clients.js'
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { expectQuiet, waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

/**
 * On PostgreSQL the durability promise is checked by watching the database, not by trusting
 * `synchronous_commit`: while the room's commit cannot finish (another session holds a lock
 * its insert needs), no peer sees the edit; once it commits, the edit arrives, and by then the
 * WAL has been flushed past where it stood before the edit and the row is there for any session.
 */
await describeWithPostgres('PostgreSQL commits before relaying', () => {
  it('relays an edit only after its commit, with the WAL flushed past it', async () => {
    const database = await createTestDatabase()
    const observer = new pg.Client({ connectionString: database.url })
    try {
      const server = await startServer({ env: { DATABASE_URL: database.url } })
      await observer.connect()
      const site = await Site.open(server)
      const writer = await site.connect('relay after commit')
      const reader = await site.connect('relay after commit')
      await Promise.all([waitForSynced(writer), waitForSynced(reader)])
      const items = () => reader.doc.getArray<number>('items').length
      const flushedLsn = async () =>
        (await observer.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn()::text AS lsn'))
          .rows[0]?.lsn as string
      const lsnAfter = async (lsn: string) =>
        (
          await observer.query<{ after: boolean }>(
            'SELECT pg_current_wal_flush_lsn() > $1::pg_lsn AS after',
            [lsn],
          )
        ).rows[0]?.after
      for (let i = 0; i < 3; i++) {
        const before = await flushedLsn()
        const rowsBefore = Number(
          (await observer.query('SELECT count(*) AS n FROM room_update')).rows[0].n,
        )
        // Inserts into the room log wait for this lock: the room's commit cannot finish.
        await observer.query('BEGIN')
        await observer.query('LOCK TABLE room_update IN SHARE MODE')
        writer.doc.getArray<number>('items').push([i])
        // The server's insert is in flight, waiting for the lock (so the quiet window means something).
        await waitFor(
          async () =>
            Number(
              (
                await observer.query(
                  "SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND relation = 'room_update'::regclass",
                )
              ).rows[0].n,
            ) > 0,
          'the room commit to wait for the lock',
        )
        await expectQuiet(
          300,
          'the edit must not be relayed before it commits',
          () => items() === i,
        )
        await observer.query('COMMIT')
        await waitFor(() => items() === i + 1, `edit ${i} to arrive once committed`)
        expect(await lsnAfter(before)).toBe(true)
        const rows = Number(
          (await observer.query('SELECT count(*) AS n FROM room_update')).rows[0].n,
        )
        expect(rows).toBeGreaterThan(rowsBefore)
      }
      expect(await server.stop()).toBe(0)
    } finally {
      await observer.end().catch(() => undefined)
      await database.drop()
    }
  })
})
