import pg from 'pg'
import { afterAll, afterEach, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { destroyClients, waitForSynced } from '../helpers/clients.js'
import { adminUrl, createTestDatabase, describeWithPostgres } from '../helpers/postgres.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

/** Ends every session of `url`'s database but the caller's: a PostgreSQL restart, as the server sees it. */
const endSessions = async (url: string): Promise<number> => {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    const ended = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    )
    return ended.rowCount ?? 0
  } finally {
    await admin.end()
  }
}

/**
 * Each server holds its rooms in memory, so two on one database would each overwrite what the
 * other believes: the second must refuse to start, also after the first lost its connections.
 */
await describeWithPostgres('one server per PostgreSQL database', () => {
  it('refuses to start a second server on the same database', async () => {
    const database = await createTestDatabase()
    try {
      const env = { DATABASE_URL: database.url }
      const first = await startServer({ env })
      await expect(startServer({ env })).rejects.toThrow(/advisory lock/)
      expect(await first.stop()).toBe(0)
    } finally {
      await database.drop()
    }
  })

  // The advisory lock lives on one session: when PostgreSQL ends it (a restart, a failover,
  // pg_terminate_backend) the lock is gone, and a server that kept serving would let a second
  // one claim the database. It stops instead, keeping what it stored; the next one gets it all.
  it('stops when PostgreSQL ends the session holding its claim, so no second server shares the database', async () => {
    const database = await createTestDatabase()
    try {
      const env = { DATABASE_URL: database.url }
      const first = await startServer({ env })
      const site = await Site.open(first)
      const writer = await site.connect('claim')
      await waitForSynced(writer)
      writer.doc.getText('plan').insert(0, 'Stored before the outage.')
      await waitFor(
        async () => (await site.read('claim', { texts: ['plan'] })).plan !== '',
        'the edit to be stored',
      )
      expect(await endSessions(database.url)).toBeGreaterThan(0)
      await waitFor(() => first.process.exitCode !== null, 'the first server to stop by itself')
      expect(first.process.exitCode).toBe(1)
      expect(first.output.join('\n')).toMatch(/lost the claim on the PostgreSQL database/)
      const second = await startServer({ env })
      expect(await site.on(second).read('claim', { texts: ['plan'] })).toEqual({
        plan: 'Stored before the outage.',
      })
      expect(await second.stop()).toBe(0)
    } finally {
      await database.drop()
    }
  })

  // An outage for the room's commits: the pool's sessions end and no new one may open, while the
  // session holding the claim stays (the oldest). The edit must be refused, not acknowledged.
  it('closes the room with 1011 and relays nothing when a commit cannot reach PostgreSQL', async () => {
    const database = await createTestDatabase()
    const name = new URL(database.url).pathname.slice(1)
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    try {
      const first = await startServer({ env: { DATABASE_URL: database.url } })
      const site = await Site.open(first)
      const writer = await site.connect('outage')
      const reader = await site.connect('outage')
      await Promise.all([waitForSynced(writer), waitForSynced(reader)])
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`)
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1
           AND backend_start > (SELECT min(backend_start) FROM pg_stat_activity WHERE datname = $1)`,
        [name],
      )
      writer.doc.getText('plan').insert(0, 'Not stored.')
      await waitFor(
        () => writer.closes.some((close) => close.code === CloseCode.storageFailed),
        'the room to close with storage failed',
      )
      expect(reader.doc.getText('plan').toString()).toBe('')
      // An HTTP write in the outage is refused too, not answered as done.
      const path = `/api/workspaces/${site.workspaceId}/invites`
      const refused = await api(first, 'POST', path, {
        token: site.token,
        body: { role: 'observer' },
        expect: 503,
      })
      expect(refused).toMatchObject({ error: { code: 'unavailable' } })
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`)
      expect(await first.stop()).toBe(0)
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => undefined)
      await admin.end()
      await database.drop()
    }
  })
})
