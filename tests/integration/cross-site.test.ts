import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import type { Invite } from '../../shared/src/schema/invite.js'
import { CreatedWorkspace } from '../../shared/src/schema/workspace.js'
import { call, expectError, ok } from '../helpers/api-cases.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'

const evil = 'https://evil.example'

/** Whether a socket to `url` opens (first message) or closes, and with which code. */
const socketOutcome = (url: string, headers: Record<string, string>): Promise<'open' | number> => {
  const ws = new WebSocket(url, { headers })
  ws.on('error', () => {})
  return new Promise((resolve) => {
    ws.once('message', () => {
      ws.close()
      resolve('open')
    })
    ws.once('close', (code) => resolve(code))
  })
}

describe('cross-site requests', () => {
  let server: TestServer
  let site: Site
  let cookie: string
  beforeAll(async () => {
    server = await startServer()
    site = await Site.open(server, 'Cross-site')
    cookie = `mufakat_${site.workspaceId}=${site.token}`
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const invitesPath = () => `/api/workspaces/${site.workspaceId}/invites`
  const inviteCount = async () =>
    ok<{ invites: Invite[] }>(await call(server, 'GET', invitesPath(), { token: site.token }))
      .invites.length
  const newInvite = async () =>
    ok<{ invite: Invite }>(
      await call(server, 'POST', invitesPath(), { token: site.token, body: { role: 'observer' } }),
      201,
    ).invite
  const inviteByCookie = (headers: Record<string, string>) =>
    call(server, 'POST', invitesPath(), {
      body: { role: 'facilitator' },
      headers: { cookie, ...headers },
    })

  it('refuses a cookie-authenticated change from another origin with 403; the own origin is 201', async () => {
    const before = await inviteCount()
    const refused = expectError(await inviteByCookie({ origin: evil }), 403, 'forbidden')
    expect(refused.error.details).toEqual({ origin: evil, fetchSite: null })
    expectError(await inviteByCookie({ origin: 'null' }), 403, 'forbidden')
    // Without Origin, Sec-Fetch-Site tells: another site, or a sibling origin of the same site.
    expectError(await inviteByCookie({ 'sec-fetch-site': 'cross-site' }), 403, 'forbidden')
    expectError(await inviteByCookie({ 'sec-fetch-site': 'same-site' }), 403, 'forbidden')
    expect(await inviteCount()).toBe(before)

    ok(await inviteByCookie({ origin: server.httpUrl, 'sec-fetch-site': 'same-origin' }), 201)
    ok(await inviteByCookie({ 'sec-fetch-site': 'same-origin' }), 201)
    // No browser at all (a script holding the cookie): neither header.
    ok(await inviteByCookie({}), 201)
    expect(await inviteCount()).toBe(before + 3)
  })

  it('covers every state-changing method, and never reads', async () => {
    const invite = await newInvite()
    const revoke = (origin: string) =>
      call(server, 'DELETE', `${invitesPath()}/${invite.code}`, { headers: { cookie, origin } })
    expectError(await revoke(evil), 403, 'forbidden')
    const listed = ok<{ invites: Invite[] }>(
      await call(server, 'GET', invitesPath(), { headers: { cookie, origin: evil } }),
    ).invites
    expect(listed.find((entry) => entry.code === invite.code)?.revokedAt).toBeNull()
    expect((await revoke(server.httpUrl)).status).toBe(204)
  })

  it('leaves bearer-token calls alone: a browser never sends the header by itself', async () => {
    ok(
      await call(server, 'POST', invitesPath(), {
        token: site.token,
        body: { role: 'observer' },
        headers: { origin: evil, 'sec-fetch-site': 'cross-site' },
      }),
      201,
    )
  })

  it('refuses an anonymous join from another origin (it would log the browser in)', async () => {
    const invite = await newInvite()
    const join = (origin: string) =>
      call(server, 'POST', `/api/invites/${invite.code}/accept`, {
        body: { displayName: 'Planted' },
        headers: { origin },
      })
    expectError(await join(evil), 403, 'forbidden')
    ok(await join(server.httpUrl), 201)
  })
})

describe('behind HTTPS: PUBLIC_URL and ALLOWED_ORIGINS', () => {
  const publicUrl = 'https://mufakat.example'
  const partner = 'https://partner.example'
  let server: TestServer
  let created: CreatedWorkspace
  let hostCookie: string
  beforeAll(async () => {
    server = await startServer({ env: { PUBLIC_URL: `${publicUrl}/`, ALLOWED_ORIGINS: partner } })
    const answer = await call(server, 'POST', '/api/workspaces', { body: { name: 'Secure' } })
    created = CreatedWorkspace.parse(ok(answer, 201))
    hostCookie = `__Host-mufakat_${created.workspace.id}=${created.token}`
    const setCookie = answer.headers.getSetCookie()
    expect(setCookie).toHaveLength(1)
    const line = setCookie[0] ?? ''
    expect(line.startsWith(`${hostCookie};`)).toBe(true)
    expect(line).toMatch(/; Secure/i)
    expect(line).toMatch(/; Path=\//i)
    expect(line).toMatch(/; HttpOnly/i)
    expect(line).not.toMatch(/Domain=/i)
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('sets a Secure __Host- cookie and reads only that one', async () => {
    const me = `/api/workspaces/${created.workspace.id}/me`
    ok(await call(server, 'GET', me, { headers: { cookie: hostCookie } }))
    // A plain cookie of the same name could be planted by a sibling subdomain or plain HTTP.
    const plain = `mufakat_${created.workspace.id}=${created.token}`
    expectError(await call(server, 'GET', me, { headers: { cookie: plain } }), 401, 'unauthorized')

    const cleared = await call(
      server,
      'DELETE',
      `/api/workspaces/${created.workspace.id}/session`,
      {
        headers: { cookie: hostCookie, origin: publicUrl },
      },
    )
    expect(cleared.status).toBe(204)
    expect(cleared.headers.getSetCookie()[0]).toMatch(
      new RegExp(`^__Host-mufakat_${created.workspace.id}=;.*Max-Age=0.*Secure`, 'i'),
    )
  })

  it("takes changes from PUBLIC_URL's origin (behind a proxy the Host differs) and from ALLOWED_ORIGINS", async () => {
    const invite = (origin: string) =>
      call(server, 'POST', `/api/workspaces/${created.workspace.id}/invites`, {
        body: { role: 'observer' },
        headers: { cookie: hostCookie, origin },
      })
    ok(await invite(publicUrl), 201)
    ok(await invite(partner), 201)
    expectError(await invite(evil), 403, 'forbidden')
    // A look-alike is another origin.
    expectError(await invite('https://mufakat.example.evil.example'), 403, 'forbidden')
  })

  it('refuses a page of the same host over plain http: with PUBLIC_URL https it is another origin', async () => {
    // As the proxy passes them on: Host is the public host (fetch cannot set Host, node:http can).
    const invite = (origin: string) =>
      new Promise<number>((resolve, reject) => {
        const sent = request(`${server.httpUrl}/api/workspaces/${created.workspace.id}/invites`, {
          method: 'POST',
          headers: {
            host: 'mufakat.example',
            origin,
            cookie: hostCookie,
            'content-type': 'application/json',
          },
        })
        sent.on('response', (answer) => {
          answer.resume()
          resolve(answer.statusCode ?? 0)
        })
        sent.on('error', reject)
        sent.end(JSON.stringify({ role: 'observer' }))
      })
    expect(await invite('https://mufakat.example')).toBe(201)
    expect(await invite('http://mufakat.example')).toBe(403)
  })

  it('opens sync sockets by the __Host- cookie, by the same origin rule', async () => {
    const { document } = await (
      await fetch(`${server.httpUrl}/api/workspaces/${created.workspace.id}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Plan' }),
      })
    ).json()
    const url = `${server.syncUrl}/${document.room}`
    expect(await socketOutcome(url, { cookie: hostCookie, origin: publicUrl })).toBe('open')
    expect(await socketOutcome(url, { cookie: hostCookie, origin: partner })).toBe('open')
    expect(await socketOutcome(url, { cookie: hostCookie, origin: evil })).toBe(CloseCode.forbidden)
    const overHttp = {
      cookie: hostCookie,
      origin: 'http://mufakat.example',
      host: 'mufakat.example',
    }
    expect(await socketOutcome(url, overHttp)).toBe(CloseCode.forbidden)
    const plain = `mufakat_${created.workspace.id}=${created.token}`
    expect(await socketOutcome(url, { cookie: plain, origin: publicUrl })).toBe(
      CloseCode.unauthorized,
    )
  })
})

describe('ALLOWED_ORIGINS', () => {
  afterAll(() => removeDataDirs())

  it('must be origins: a bare host name stops the server with a message naming the variable', async () => {
    await expect(startServer({ env: { ALLOWED_ORIGINS: 'partner.example' } })).rejects.toThrow(
      /ALLOWED_ORIGINS/,
    )
    const server = await startServer({ env: { ALLOWED_ORIGINS: 'https://partner.example' } })
    await server.stop()
  })
})
