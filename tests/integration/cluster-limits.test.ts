import { afterAll, beforeAll, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { CreatedInvite } from '../../shared/src/schema/invite.js'
import { call, expectError, ok } from '../helpers/api-cases.js'
import { describeWithCluster, startCluster, type TestCluster } from '../helpers/cluster.js'
import { from, socketFrom } from '../helpers/forwarded.js'
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres.js'
import { freshRedisPrefix } from '../helpers/redis.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

/**
 * Several nodes behind one balancer: a client's requests land on any of them, so a per-address
 * limit kept by each node alone would be N times the limit. With REDIS_URL the nodes count
 * together: a limit reached half on node A and half on node B is refused as on one node.
 */

const guess = (n: number) => `clusterGuess${String(n).padStart(8, '0')}`
const guessCode = (node: TestServer, n: number, address: string) =>
  call(node, 'GET', `/api/invites/${guess(n)}`, { headers: from(address) })
const createWorkspace = (node: TestServer, address: string, body: unknown) =>
  call(node, 'POST', '/api/workspaces', { headers: from(address), body })
const workspaceBody = { name: 'Kota Cerdas Medan', displayName: 'Ayu', group: 'government' }

/** A 429 as one node gives it: the shared error code and a Retry-After the client can honour. */
const expectLimited = (answer: Awaited<ReturnType<typeof call>>): void => {
  expectError(answer, 429, 'rate_limited')
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0)
}

await describeWithCluster('per-address limits shared by two nodes through Redis', () => {
  let cluster: TestCluster
  let a: TestServer
  let b: TestServer
  let site: Site
  beforeAll(async () => {
    cluster = await startCluster(2, {
      env: {
        TRUSTED_PROXIES: '127.0.0.1, ::1',
        RATE_LIMIT_ACCEPTS_PER_MINUTE: '4',
        RATE_LIMIT_WORKSPACES_PER_HOUR: '2',
        RATE_LIMIT_PUBLIC_READS_PER_MINUTE: '4',
        MAX_CONNECTIONS_PER_ADDRESS: '2',
      },
    })
    ;[a, b] = cluster.nodes as [TestServer, TestServer]
    site = await Site.open(a)
  }, 60_000)
  afterAll(async () => {
    await cluster?.close()
    await removeDataDirs()
  })

  it('counts unknown invite codes guessed on either node against one limit; joining does not count', async () => {
    const guesser = '203.0.113.7'
    const invite = CreatedInvite.parse(
      ok(
        await call(a, 'POST', `/api/workspaces/${site.workspaceId}/invites`, {
          token: site.token,
          body: { role: 'observer', maxUses: 5 },
        }),
        201,
      ),
    )
    expectError(await guessCode(a, 1, guesser), 404, 'not_found')
    expectError(await guessCode(a, 2, guesser), 404, 'not_found')
    // A good code from the same address is answered and is not a guess.
    const joined = await call(b, 'POST', `/api/invites/${invite.invite.code}/accept`, {
      headers: from(guesser),
      body: { displayName: 'Budi' },
    })
    ok(joined, 201)
    expectError(await guessCode(b, 3, guesser), 404, 'not_found')
    expectError(await guessCode(b, 4, guesser), 404, 'not_found')
    // Four guesses, two per node: the fifth is refused on both, as one node would.
    expectLimited(await guessCode(a, 5, guesser))
    expectLimited(await guessCode(b, 5, guesser))
    // Another address behind the same balancer is untouched.
    const preview = await call(b, 'GET', `/api/invites/${invite.invite.code}`, {
      headers: from('203.0.113.8'),
    })
    ok(preview, 200)
  })

  it('counts workspaces created on either node against one hourly limit; refused bodies do not count', async () => {
    const creator = '203.0.113.30'
    const refused = await createWorkspace(a, creator, { name: '' })
    expect(refused.status).toBe(400)
    ok(await createWorkspace(a, creator, workspaceBody), 201)
    ok(await createWorkspace(b, creator, workspaceBody), 201)
    expectLimited(await createWorkspace(a, creator, workspaceBody))
    expectLimited(await createWorkspace(b, creator, workspaceBody))
    ok(await createWorkspace(b, '203.0.113.31', workspaceBody), 201)
  })

  it('counts a creation while it runs: requests racing on both nodes cannot all slip under the limit', async () => {
    const racer = '203.0.113.35'
    const answers = await Promise.all(
      [a, b, a, b].map((node) => createWorkspace(node, racer, workspaceBody)),
    )
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 429, 429])
  })

  it('counts public reads on either node against one limit', async () => {
    const reader = '203.0.113.40'
    const read = (node: TestServer) =>
      call(node, 'GET', '/api/public/P0000000000000000', {
        headers: from(reader),
      })
    for (const node of [a, b, a, b]) expect((await read(node)).status).not.toBe(429)
    expectLimited(await read(a))
    expectLimited(await read(b))
    expect(
      (
        await call(a, 'GET', '/api/public/P0000000000000000', {
          headers: from('203.0.113.41'),
        })
      ).status,
    ).not.toBe(429)
  })

  it("counts an address's sockets on every node, and frees a slot on one node for the other", async () => {
    const room = await site.room('shared limits')
    const address = '203.0.113.20'
    const onA = await socketFrom(a, room, site.token, address)
    const onB = await socketFrom(b, room, site.token, address)
    expect(await onA.outcome).toBe('served')
    expect(await onB.outcome).toBe('served')
    for (const node of [a, b]) {
      const extra = await socketFrom(node, room, site.token, address)
      expect(await extra.outcome).toBe(CloseCode.tryAgainLater)
    }
    const other = await socketFrom(b, room, site.token, '203.0.113.21')
    expect(await other.outcome).toBe('served')
    // Closed on A: B may take it.
    onA.ws.close()
    await onA.outcome
    await waitFor(async () => {
      const again = await socketFrom(b, room, site.token, address)
      const outcome = await again.outcome
      again.ws.close()
      return outcome === 'served'
    }, 'the slot freed on node A to be usable on node B')
    for (const socket of [onB, other]) socket.ws.close()
  })

  // Runs last: it kills node B.
  it("stops counting a killed node's sockets once its heartbeat runs out", async () => {
    const room = await site.room('dead node')
    const address = '203.0.113.60'
    const held = [
      await socketFrom(b, room, site.token, address),
      await socketFrom(b, room, site.token, address),
    ]
    for (const socket of held) expect(await socket.outcome).toBe('served')
    const refused = await socketFrom(a, room, site.token, address)
    expect(await refused.outcome).toBe(CloseCode.tryAgainLater)
    await b.stop('SIGKILL')
    // Its clients reconnect through the balancer to A; they are served once B no longer counts.
    await waitFor(
      async () => {
        const again = await socketFrom(a, room, site.token, address)
        const outcome = await again.outcome
        again.ws.close()
        return outcome === 'served'
      },
      "node B's sockets to stop counting",
      45_000,
    )
  }, 60_000)
})

await describeWithPostgres('per-address limits while Redis cannot be reached', () => {
  // A limit fails closed: without its counts, a guess or a socket could be one of thousands.
  it('refuses limited routes with 503 and new sockets with 4503, and serves everything else', async () => {
    const database = await createTestDatabase()
    const adminToken = 'admin-token-of-this-test-0123456789'
    try {
      const node = await startServer({
        env: {
          DATABASE_URL: database.url,
          // Nothing listens on port 1: every Redis command fails.
          REDIS_URL: 'redis://127.0.0.1:1',
          REDIS_PREFIX: freshRedisPrefix(),
          ADMIN_TOKEN: adminToken,
        },
      })
      // With ADMIN_TOKEN, creating a workspace is not rate limited: it works.
      const site = await Site.open(node, 'Kota Cerdas Makassar', adminToken)
      const refused = await guessCode(node, 1, '127.0.0.1')
      expectError(refused, 503, 'unavailable')
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      const room = await site.room('no redis')
      const socket = await socketFrom(node, room, site.token, '127.0.0.1')
      expect(await socket.outcome).toBe(CloseCode.tryAgainLater)
      ok(
        await call(node, 'POST', `/api/workspaces/${site.workspaceId}/invites`, {
          token: site.token,
          body: { role: 'observer' },
        }),
        201,
      )
      expect(await node.stop()).toBe(0)
    } finally {
      await database.drop()
    }
  }, 60_000)
})
