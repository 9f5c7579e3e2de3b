import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreatedInvite } from '../../shared/src/schema/invite.js'
import { call, expectBadRequest, expectError, ok } from '../helpers/api-cases.js'
import { agreementBody, type MediationScene, openMediation } from '../helpers/mediation.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { residentBytes, upload } from '../helpers/upload.js'

const MiB = 1024 * 1024
const defaultLimit = 256 * 1024

describe('request bodies: a token before the body, and a limit on every body', () => {
  let server: TestServer
  let site: Site
  let invites: string
  beforeAll(async () => {
    server = await startServer()
    site = await Site.open(server, 'Bodies')
    invites = `/api/workspaces/${site.workspaceId}/invites`
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  /** Runs `send` and answers how much the server's resident memory grew meanwhile. */
  const growth = async <T>(send: () => Promise<T>): Promise<{ answer: T; grew: number }> => {
    const before = residentBytes(server.pid)
    const answer = await send()
    const grew = residentBytes(server.pid) - before
    console.info(`server RSS ${(before / MiB).toFixed(1)} MiB, grew ${(grew / MiB).toFixed(1)} MiB`)
    return { answer, grew }
  }

  it('a good invite is 201, next to 50 MB without a token: 401 before the body is read', async () => {
    const good = CreatedInvite.parse(
      ok(
        await call(server, 'POST', invites, { token: site.token, body: { role: 'observer' } }),
        201,
      ),
    )
    expect(good.invite.role).toBe('observer')

    for (const chunked of [false, true]) {
      const { answer, grew } = await growth(() =>
        upload(`${server.httpUrl}${invites}`, { totalBytes: 50 * MiB, chunked }),
      )
      expect(answer.status, answer.body).toBe(401)
      expect(JSON.parse(answer.body).error.code).toBe('unauthorized')
      // Answered long before the client got through its body: nobody waited for it.
      expect(answer.sentBeforeAnswer).toBeLessThan(25 * MiB)
      expect(grew).toBeLessThan(20 * MiB)
    }
    // A token of nobody is no token.
    const forged = await upload(`${server.httpUrl}${invites}`, {
      totalBytes: 50 * MiB,
      chunked: true,
      headers: { authorization: 'Bearer not-a-token-of-anyone-at-all' },
    })
    expect(forged.status).toBe(401)
  })

  it('with a token, a body past the limit is 413 payload_too_large: from Content-Length, or cut while streaming', async () => {
    const headers = { authorization: `Bearer ${site.token}` }
    for (const chunked of [false, true]) {
      const { answer, grew } = await growth(() =>
        upload(`${server.httpUrl}${invites}`, { totalBytes: 50 * MiB, chunked, headers }),
      )
      expect(answer.status, answer.body).toBe(413)
      expect(JSON.parse(answer.body)).toEqual({
        error: {
          code: 'payload_too_large',
          message: expect.any(String),
          details: { maxBytes: defaultLimit },
        },
      })
      expect(answer.sentBeforeAnswer).toBeLessThan(25 * MiB)
      expect(grew).toBeLessThan(20 * MiB)
    }
    // The limit is on bytes, not on meaning: a valid body padded to just under it is taken.
    const padded = (bytes: number) => {
      const json = '{"role":"observer"}'
      return `${' '.repeat(bytes - json.length)}${json}`
    }
    ok(
      await call(server, 'POST', invites, { token: site.token, rawBody: padded(defaultLimit) }),
      201,
    )
    expectError(
      await call(server, 'POST', invites, { token: site.token, rawBody: padded(defaultLimit + 1) }),
      413,
      'payload_too_large',
    )
  })

  it('refuses unknown fields with 400 naming each, where they used to be dropped', async () => {
    ok(await call(server, 'POST', invites, { token: site.token, body: { role: 'commenter' } }), 201)
    const refused = expectBadRequest(
      await call(server, 'POST', invites, {
        token: site.token,
        body: { role: 'commenter', uses: 0, secret: true },
      }),
      'uses',
      'secret',
    )
    expect(refused.every((detail) => detail.message === 'unknown field')).toBe(true)
  })

  describe('agreement drafts, which may be larger', () => {
    let scene: MediationScene
    beforeAll(async () => {
      scene = await openMediation(server)
    })

    it('take a 300 KB draft (50 terms of 2000 three-byte characters) that any other route refuses', async () => {
      const terms = Array.from({ length: 50 }, (_, index) => ({
        text: `${index}`.padEnd(2000, '€'),
        ownerId: scene.budi.participant.id,
        dueDate: '2031-01-01',
      }))
      const body = agreementBody(scene, { terms })
      expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(defaultLimit)
      const drafted = ok<{ agreement: { terms: unknown[] } }>(
        await call(server, 'POST', `/api/sessions/${scene.session.id}/agreements`, {
          token: scene.mediator.token,
          body,
        }),
        201,
      )
      expect(drafted.agreement.terms).toHaveLength(50)
      // The same bytes anywhere else are too large.
      expectError(
        await call(server, 'POST', `/api/sessions/${scene.session.id}/caucuses`, {
          token: scene.mediator.token,
          body,
        }),
        413,
        'payload_too_large',
      )
      // And even a draft has its limit.
      const huge = agreementBody(scene, { preamble: 'x'.repeat(MiB) })
      expectError(
        await call(server, 'POST', `/api/sessions/${scene.session.id}/agreements`, {
          token: scene.mediator.token,
          body: huge,
        }),
        413,
        'payload_too_large',
      )
    })
  })
})
