import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/src/config.js'
import type { Participant, Role, StakeholderGroup } from '../../shared/src/schema/people.js'
import { BegunSignIn, WorkspaceSignIn } from '../../shared/src/schema/sign-in.js'
import { Me } from '../../shared/src/schema/workspace.js'
import { call, expectBadRequest, expectError, ok } from '../helpers/api-cases.js'
import { type IdentityProvider, startIdentityProvider } from '../helpers/identity-provider.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { CookieJar, openCallback, signInAtProvider } from '../helpers/sign-in-walk.js'
import { Site } from '../helpers/site.js'
import { countStored, writeStore } from '../helpers/store.js'

describe('sign-in with an OpenID Connect provider', () => {
  let provider: IdentityProvider
  let server: TestServer
  let site: Site
  let other: Site
  let callbackPrefix: string

  beforeAll(async () => {
    provider = await startIdentityProvider('Bandung City ID')
    server = await startServer({ env: provider.env })
    callbackPrefix = `${server.httpUrl}/api/sign-in/callback`
    provider.register(callbackPrefix)
    ;[site, other] = await Promise.all([
      Site.open(server, 'Bandung Smart Mobility 2030'),
      Site.open(server, 'Surabaya Flood Resilience'),
    ])
  })
  afterAll(async () => {
    await server.stop()
    await provider.close()
    await removeDataDirs()
  })

  const signInPath = (of: Site = site) => `/api/workspaces/${of.workspaceId}/sign-in`
  const accept = async (accepted: boolean, of: Site = site) =>
    ok(await call(server, 'PUT', signInPath(of), { token: of.token, body: { accepted } }))
  const invite = async (role: Role, group?: StakeholderGroup): Promise<string> =>
    ok<{ invite: { code: string } }>(
      await call(server, 'POST', `/api/workspaces/${site.workspaceId}/invites`, {
        token: site.token,
        body: { role, ...(group ? { group } : {}) },
      }),
      201,
    ).invite.code
  const inviteUses = async (code: string) =>
    countStored(server, 'SELECT uses AS n FROM invite WHERE code = ?', code)
  const participants = () =>
    countStored(
      server,
      'SELECT count(*) AS n FROM participant WHERE workspace_id = ?',
      site.workspaceId,
    )
  const attempts = () => countStored(server, 'SELECT count(*) AS n FROM sign_in_attempt')

  /** Begins in `jar` (its cookie kept there) and answers the provider URL. */
  const begin = async (jar: CookieJar, body: Record<string, unknown>): Promise<string> => {
    const response = await jar.fetch(`${server.httpUrl}/api/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceId: site.workspaceId, ...body }),
    })
    expect(response.status, await response.clone().text()).toBe(201)
    return BegunSignIn.parse(await response.json()).url
  }
  const walk = async (jar: CookieJar, body: Record<string, unknown>, login: string) =>
    signInAtProvider(jar, await begin(jar, body), callbackPrefix, { login })
  /** A whole sign-in: where the browser ends up. */
  const signIn = async (jar: CookieJar, body: Record<string, unknown>, login: string) =>
    openCallback(jar, await walk(jar, body, login))
  const me = async (jar: CookieJar): Promise<Participant | number> => {
    const response = await jar.fetch(`${server.httpUrl}/api/workspaces/${site.workspaceId}/me`)
    return response.status === 200 ? Me.parse(await response.json()).participant : response.status
  }
  const failed = (reason: string) => `${server.httpUrl}/sign-in/failed/${reason}`

  describe('whether a workspace accepts the provider', () => {
    it('is off at first, named by the server, and anyone may ask', async () => {
      expect(WorkspaceSignIn.parse(ok(await call(server, 'GET', signInPath(other))))).toEqual({
        provider: { name: 'Bandung City ID' },
        accepted: false,
      })
      expectError(
        await call(server, 'GET', '/api/workspaces/nosuchworkspace/sign-in'),
        404,
        'not_found',
      )
    })

    it('is turned on by a facilitator only, audited; a bad body is 400 and changes nothing', async () => {
      const observer = await site.join('observer', 'Pengamat')
      const refused = await call(server, 'PUT', signInPath(), {
        token: observer.token,
        body: { accepted: true },
      })
      expect(expectError(refused, 403, 'forbidden').error.details).toMatchObject({
        rule: 'role_not_allowed',
      })
      expectError(
        await call(server, 'PUT', signInPath(), { body: { accepted: true } }),
        401,
        'unauthorized',
      )
      expectBadRequest(
        await call(server, 'PUT', signInPath(), { token: site.token, body: { accepted: 'yes' } }),
        'accepted',
      )
      expect(WorkspaceSignIn.parse(ok(await call(server, 'GET', signInPath()))).accepted).toBe(
        false,
      )
      expect(await accept(true)).toEqual({ provider: { name: 'Bandung City ID' }, accepted: true })
      expect((await site.audit()).map((entry) => entry.action)).toContain('sign_in.accepted')
      // The other workspace is untouched.
      expect(WorkspaceSignIn.parse(ok(await call(server, 'GET', signInPath(other)))).accepted).toBe(
        false,
      )
    })
  })

  describe('beginning', () => {
    it('issuer_not_accepted: is refused where the workspace does not accept the provider, storing nothing', async () => {
      const before = await attempts()
      const answer = await call(server, 'POST', '/api/sign-in', {
        body: { workspaceId: other.workspaceId },
      })
      expect(expectError(answer, 403, 'forbidden').error.details).toMatchObject({
        rule: 'issuer_not_accepted',
      })
      expect(answer.headers.getSetCookie()).toEqual([])
      expect(await attempts()).toBe(before)
    })

    it('refuses bad input with a clear code', async () => {
      const begin = (body: unknown) => call(server, 'POST', '/api/sign-in', { body })
      expectBadRequest(await begin({ workspaceId: site.workspaceId, extra: 1 }), 'extra')
      expectBadRequest(await begin({ workspaceId: site.workspaceId, invite: 'short' }), 'invite')
      expectError(await begin({ workspaceId: 'nosuchworkspace' }), 404, 'not_found')
      expectError(
        await begin({ workspaceId: site.workspaceId, invite: 'AAAAAAAAAAAAAAAAAAAAAA' }),
        404,
        'not_found',
      )
      // An invite of another workspace does not lead here.
      const elsewhere = ok<{ invite: { code: string } }>(
        await call(server, 'POST', `/api/workspaces/${other.workspaceId}/invites`, {
          token: other.token,
          body: { role: 'stakeholder' },
        }),
        201,
      ).invite.code
      expectError(
        await begin({ workspaceId: site.workspaceId, invite: elsewhere }),
        400,
        'bad_request',
      )
    })
  })

  describe('joining and coming back', () => {
    let code: string
    let joined: Participant

    it('joins through an invite with its role and group, bound to (issuer, sub)', async () => {
      code = await invite('stakeholder', 'academia')
      const before = await participants()
      const jar = new CookieJar()
      expect((await signIn(jar, { invite: code }, 'siti')).href).toBe(
        `${server.httpUrl}/w/${site.workspaceId}`,
      )
      const participant = await me(jar)
      if (typeof participant === 'number') throw new Error(`not signed in: ${participant}`)
      joined = participant
      expect(joined).toMatchObject({
        role: 'stakeholder',
        group: 'academia',
        displayName: 'siti (Bandung City ID)',
      })
      expect(await participants()).toBe(before + 1)
      expect(await inviteUses(code)).toBe(1)
      expect(
        await countStored(
          server,
          'SELECT count(*) AS n FROM participant_identity WHERE participant_id = ? AND issuer = ? AND subject = ?',
          joined.id,
          provider.issuer,
          'siti',
        ),
      ).toBe(1)
      expect(jar.has('mufakat_sign_in')).toBe(false)
    })

    it('comes back as the same participant from another browser, without an invite', async () => {
      const before = await participants()
      const first = new CookieJar()
      const second = new CookieJar()
      await signIn(first, {}, 'siti')
      expect((await signIn(second, {}, 'siti')).href).toBe(
        `${server.httpUrl}/w/${site.workspaceId}`,
      )
      expect(await me(second)).toEqual(joined)
      // Signing in elsewhere signs nobody out.
      expect(await me(first)).toEqual(joined)
      expect(await participants()).toBe(before)
      expect(await inviteUses(code)).toBe(1)
    })

    it('comes back as the same participant even through the invite link again', async () => {
      const jar = new CookieJar()
      await signIn(jar, { invite: code }, 'siti')
      expect(await me(jar)).toEqual(joined)
      expect(await inviteUses(code)).toBe(1)
    })

    it('a first sign-in in two tabs at once makes one participant, and both tabs are it', async () => {
      const single = ok<{ invite: { code: string } }>(
        await call(server, 'POST', `/api/workspaces/${site.workspaceId}/invites`, {
          token: site.token,
          body: { role: 'stakeholder', maxUses: 1 },
        }),
        201,
      ).invite.code
      const before = await participants()
      const tabs = [new CookieJar(), new CookieJar()]
      const callbacks = await Promise.all(tabs.map((jar) => walk(jar, { invite: single }, 'wulan')))
      // Both answers reach the server together: one binds, the other comes back as it.
      const landed = await Promise.all(
        callbacks.map((callback, n) => openCallback(tabs[n] as CookieJar, callback)),
      )
      expect(landed.map((url) => url.href)).toEqual(
        tabs.map(() => `${server.httpUrl}/w/${site.workspaceId}`),
      )
      const [first, second] = await Promise.all(tabs.map(me))
      expect(typeof first).toBe('object')
      expect(second).toEqual(first)
      expect(await participants()).toBe(before + 1)
      expect(await inviteUses(single)).toBe(1)
    })

    it('does not let in someone without an invite who has never joined', async () => {
      const before = await participants()
      const jar = new CookieJar()
      expect((await signIn(jar, {}, 'stranger')).href).toBe(failed('no_invite'))
      expect(await me(jar)).toBe(401)
      expect(await participants()).toBe(before)
    })

    it('ends with the participant: a removed person cannot sign back in, even with an invite', async () => {
      const jar = new CookieJar()
      const fresh = await invite('commenter')
      await signIn(jar, { invite: fresh }, 'budi')
      const budi = await me(jar)
      if (typeof budi === 'number') throw new Error(`not signed in: ${budi}`)
      ok(
        await call(
          server,
          'DELETE',
          `/api/workspaces/${site.workspaceId}/participants/${budi.id}`,
          {
            token: site.token,
          },
        ),
        204,
      )
      expect(await me(jar)).toBe(401)
      const again = await invite('commenter')
      expect((await signIn(new CookieJar(), { invite: again }, 'budi')).href).toBe(
        failed('removed'),
      )
      expect((await signIn(new CookieJar(), {}, 'budi')).href).toBe(failed('removed'))
      expect(await inviteUses(again)).toBe(0)
    })
  })

  describe('answers that must not let anyone in', () => {
    it('a wrong state is refused, and the attempt is spent', async () => {
      const before = await participants()
      const code = await invite('stakeholder')
      const jar = new CookieJar()
      const callback = await walk(jar, { invite: code }, 'eka')
      const forged = new URL(callback)
      forged.searchParams.set('state', 'forged-state-value')
      expect((await openCallback(jar, forged)).href).toBe(failed('state_mismatch'))
      // The true answer after a forged one finds no attempt left.
      expect((await openCallback(jar, callback)).href).toBe(failed('state_mismatch'))
      expect(await me(jar)).toBe(401)
      expect(await participants()).toBe(before)
      expect(await inviteUses(code)).toBe(0)
    })

    it('an answer that comes after the attempt expired (10 minutes) is refused', async () => {
      const code = await invite('stakeholder')
      const jar = new CookieJar()
      const callback = await walk(jar, { invite: code }, 'joko')
      await writeStore(server, 'UPDATE sign_in_attempt SET created_at = created_at - ?', 600_001)
      expect((await openCallback(jar, callback)).href).toBe(failed('state_mismatch'))
      expect(await me(jar)).toBe(401)
      expect(await inviteUses(code)).toBe(0)
    })

    it('an answer opened in a browser that did not begin it is refused', async () => {
      const code = await invite('stakeholder')
      const callback = await walk(new CookieJar(), { invite: code }, 'fajar')
      const elsewhere = new CookieJar()
      expect((await openCallback(elsewhere, callback)).href).toBe(failed('state_mismatch'))
      expect(await me(elsewhere)).toBe(401)
      expect(await inviteUses(code)).toBe(0)
    })

    it('a replayed code is refused, by us and by the provider', async () => {
      const jar = new CookieJar()
      const code = await invite('stakeholder')
      const callback = await walk(jar, { invite: code }, 'gita')
      expect((await openCallback(jar, callback)).href).toBe(
        `${server.httpUrl}/w/${site.workspaceId}`,
      )
      const before = await participants()
      // The same answer again: its attempt is spent.
      expect((await openCallback(jar, callback)).href).toBe(failed('state_mismatch'))
      // The same code under a new attempt's state: the provider refuses it.
      const next = new URL(await begin(jar, { invite: code }))
      const replay = new URL(callback)
      replay.searchParams.set('state', next.searchParams.get('state') ?? '')
      expect((await openCallback(jar, replay)).href).toBe(failed('provider_failed'))
      expect(await participants()).toBe(before)
      expect(await inviteUses(code)).toBe(1)
    })

    it('a refusal at the provider (access_denied) creates nothing', async () => {
      const before = await participants()
      const code = await invite('stakeholder')
      const jar = new CookieJar()
      const callback = await signInAtProvider(
        jar,
        await begin(jar, { invite: code }),
        callbackPrefix,
        'deny',
      )
      expect(callback.searchParams.get('error')).toBe('access_denied')
      expect((await openCallback(jar, callback)).href).toBe(failed('denied'))
      expect(await participants()).toBe(before)
      expect(await inviteUses(code)).toBe(0)
    })

    it('a workspace that stops accepting the provider lets nobody in mid-way', async () => {
      const before = await participants()
      const code = await invite('stakeholder')
      const jar = new CookieJar()
      const callback = await walk(jar, { invite: code }, 'hadi')
      const returning = new CookieJar()
      const returningCallback = await walk(returning, {}, 'siti')
      await accept(false)
      const outcomes = [
        (await openCallback(jar, callback)).href,
        (await openCallback(returning, returningCallback)).href,
      ]
      await accept(true)
      expect(outcomes).toEqual([failed('not_accepted'), failed('not_accepted')])
      expect(await me(returning)).toBe(401)
      expect(await participants()).toBe(before)
      expect(await inviteUses(code)).toBe(0)
      expect((await site.audit()).map((entry) => entry.action)).toContain('sign_in.withdrawn')
    })
  })
})

describe('the identity provider in the configuration', () => {
  it('needs a client id, and https unless the provider is on this machine', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://id.example.org' })).toThrow(/OIDC_CLIENT_ID/)
    expect(() =>
      loadConfig({ OIDC_ISSUER: 'http://id.example.org', OIDC_CLIENT_ID: 'mufakat' }),
    ).toThrow(/OIDC_ISSUER: must be https/)
    expect(
      loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'mufakat' }).OIDC_NAME,
    ).toBe('your organisation')
    expect(
      loadConfig({ OIDC_ISSUER: 'https://id.example.org', OIDC_CLIENT_ID: 'mufakat' }).OIDC_ISSUER,
    ).toBe('https://id.example.org')
  })

  it('without one, no workspace offers sign-in and beginning one is 404', async () => {
    const plain = await startServer()
    try {
      const site = await Site.open(plain)
      const path = `/api/workspaces/${site.workspaceId}/sign-in`
      expect(ok(await call(plain, 'GET', path))).toEqual({ provider: null, accepted: false })
      expectError(
        await call(plain, 'PUT', path, { token: site.token, body: { accepted: true } }),
        404,
        'not_found',
      )
      expectError(
        await call(plain, 'POST', '/api/sign-in', { body: { workspaceId: site.workspaceId } }),
        404,
        'not_found',
      )
    } finally {
      await plain.stop()
    }
  })
})
