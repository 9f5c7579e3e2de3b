import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { CreatedInvite } from '../../shared/src/schema/invite.js'
import { call, expectError, ok } from '../helpers/api-cases.js'
import { from, socketFrom } from '../helpers/forwarded.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'

/**
 * Behind a reverse proxy every request comes from the proxy's address. Without TRUSTED_PROXIES
 * each per-address limit would then be one limit for everyone: one client guessing invite codes
 * (or holding sockets) would lock every other client out.
 */
const guess = (n: number) => `guessedCode${String(n).padStart(8, '0')}`

const inviteCode = async (server: TestServer, site: Site): Promise<string> =>
  CreatedInvite.parse(
    ok(
      await call(server, 'POST', `/api/workspaces/${site.workspaceId}/invites`, {
        token: site.token,
        body: { role: 'observer' },
      }),
      201,
    ),
  ).invite.code

/** Guesses codes as `address` until the limit (2) answers 429. */
const guessUntilLimited = async (server: TestServer, address: string): Promise<void> => {
  for (const n of [1, 2]) {
    expectError(
      await call(server, 'GET', `/api/invites/${guess(n)}`, { headers: from(address) }),
      404,
      'not_found',
    )
  }
  expectError(
    await call(server, 'GET', `/api/invites/${guess(3)}`, { headers: from(address) }),
    429,
    'rate_limited',
  )
}

const accept = (server: TestServer, code: string, address: string) =>
  call(server, 'POST', `/api/invites/${code}/accept`, {
    headers: from(address),
    body: { displayName: 'Joining' },
  })

afterAll(() => removeDataDirs())

describe('with TRUSTED_PROXIES naming the proxy in front', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({
      env: {
        TRUSTED_PROXIES: '127.0.0.1, ::1',
        RATE_LIMIT_ACCEPTS_PER_MINUTE: '2',
        MAX_CONNECTIONS_PER_ADDRESS: '2',
      },
    })
  })
  afterAll(async () => {
    await server.stop()
  })

  it("one client guessing codes locks out only itself, not the proxy's other clients", async () => {
    const site = await Site.open(server)
    const code = await inviteCode(server, site)
    await guessUntilLimited(server, '203.0.113.7')
    // A client cannot escape its own limit by prepending an address of its choice.
    expectError(await accept(server, code, '198.51.100.1, 203.0.113.7'), 429, 'rate_limited')
    ok(await accept(server, code, '203.0.113.8'), 201)
  })

  it("one client's sockets fill only its own share", async () => {
    const site = await Site.open(server)
    const room = await site.room('shared')
    const held = [
      await socketFrom(server, room, site.token, '203.0.113.20'),
      await socketFrom(server, room, site.token, '203.0.113.20'),
    ]
    for (const socket of held) expect(await socket.outcome).toBe('served')
    const extra = await socketFrom(server, room, site.token, '203.0.113.20')
    expect(await extra.outcome).toBe(CloseCode.tryAgainLater)
    const other = await socketFrom(server, room, site.token, '203.0.113.21')
    expect(await other.outcome).toBe('served')
    for (const socket of [...held, other]) socket.ws.close()
  })
})

describe('without TRUSTED_PROXIES', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT_ACCEPTS_PER_MINUTE: '2' } })
  })
  afterAll(async () => {
    await server.stop()
  })

  it('ignores X-Forwarded-For: a client cannot pick a fresh address for each guess', async () => {
    const site = await Site.open(server)
    const code = await inviteCode(server, site)
    for (const n of [1, 2]) {
      expectError(
        await call(server, 'GET', `/api/invites/${guess(n)}`, { headers: from(`203.0.113.${n}`) }),
        404,
        'not_found',
      )
    }
    expectError(await accept(server, code, '203.0.113.9'), 429, 'rate_limited')
  })
})

describe('TRUSTED_PROXIES', () => {
  it('must be IP addresses: a host name stops the server with a message naming the variable', async () => {
    await expect(startServer({ env: { TRUSTED_PROXIES: 'proxy.local' } })).rejects.toThrow(
      /TRUSTED_PROXIES.*IP addresses/,
    )
    const server = await startServer({ env: { TRUSTED_PROXIES: '10.0.0.1, ::1' } })
    await server.stop()
  })
})
