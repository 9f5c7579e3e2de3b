import pg from 'pg'
import { afterAll, afterEach, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { call, expectError, ok } from '../helpers/api-cases.js'
import { destroyClients, waitForSynced } from '../helpers/clients.js'
import { adminUrl, createTestDatabase, describeWithPostgres } from '../helpers/postgres.js'
import { freshRedisPrefix, redisProblem, redisUrl } from '../helpers/redis.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

/**
 * PostgreSQL goes away under a running server and comes back: the server refuses what it cannot
 * store (REST 503 with Retry-After, rooms close with 1011) instead of answering 500 or
 * acknowledging anything, and serves again by itself once the database returns — with every
 * acknowledged edit, and the edit refused meanwhile resent by its client.
 */
const outage = (options: { cluster: boolean }) => async () => {
  const database = await createTestDatabase()
  const name = new URL(database.url).pathname.slice(1)
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const allow = () => admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`)
  try {
    const server = await startServer({
      env: {
        DATABASE_URL: database.url,
        ...(options.cluster
          ? { REDIS_URL: redisUrl, REDIS_PREFIX: freshRedisPrefix(), NODE_ID: 'outage' }
          : {}),
      },
    })
    const site = await Site.open(server)
    const invites = `/api/workspaces/${site.workspaceId}/invites`
    const writer = await site.connect('outage')
    const reader = await site.connect('outage')
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])
    writer.doc.getText('plan').insert(0, 'Agreed before. ')
    await waitFor(
      async () => (await site.read('outage', { texts: ['plan'] })).plan === 'Agreed before. ',
      'the first edit to be stored',
    )

    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`)
    // One node holds its claim on a session of its own (the oldest): a claim lost stops a node
    // (postgres-claim.test.ts), so the outage here is of every other session. A cluster node
    // holds no claim: all of its sessions end.
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1
         AND ($2 OR backend_start > (SELECT min(backend_start) FROM pg_stat_activity WHERE datname = $1))`,
      [name, options.cluster],
    )
    const closedBefore = writer.closes.length
    writer.doc.getText('plan').insert(15, 'Written in the outage.')
    await waitFor(
      () =>
        writer.closes.slice(closedBefore).some((close) => close.code === CloseCode.storageFailed),
      'the room to refuse the write with 1011',
      20_000,
    )
    expect(reader.doc.getText('plan').toString()).toBe('Agreed before. ')

    const refused = await call(server, 'POST', invites, {
      token: site.token,
      body: { role: 'observer' },
    })
    expectError(refused, 503, 'unavailable')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    // Bad input stays bad input: refused for what it is, before any storage is needed.
    expectError(
      await call(server, 'POST', '/api/invites/C0000000000000000/accept', { body: {} }),
      400,
      'bad_request',
    )

    await allow()
    // The clients reconnect by themselves; the writer resends what was refused.
    await waitFor(
      () => reader.doc.getText('plan').toString() === 'Agreed before. Written in the outage.',
      'the refused edit to be stored and relayed once PostgreSQL is back',
      30_000,
    )
    ok(await call(server, 'POST', invites, { token: site.token, body: { role: 'observer' } }), 201)
    expect(await site.read('outage', { texts: ['plan'] })).toEqual({
      plan: 'Agreed before. Written in the outage.',
    })
    expect(server.process.exitCode).toBeNull()
    expect(await server.stop()).toBe(0)
  } finally {
    await allow().catch(() => undefined)
    await admin.end()
    await database.drop()
  }
}

/** Without Redis the cluster case is skipped and says so, unless .ci/run requires Redis. */
const redisMissing = process.env.MUFAKAT_REQUIRE_REDIS === '1' ? undefined : await redisProblem()

await describeWithPostgres('PostgreSQL unavailable under a running server', () => {
  it(
    'one node refuses writes (503, 1011) and recovers by itself, losing nothing',
    outage({ cluster: false }),
    120_000,
  )
  it.skipIf(redisMissing !== undefined)(
    'a cluster node (REDIS_URL) does the same when every session of it ends',
    outage({ cluster: true }),
    120_000,
  )
})
