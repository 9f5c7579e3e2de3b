import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreatedWorkspace, Me } from '../../shared/src/schema/workspace.js'
import { call, expectBadRequest, expectError, ok } from '../helpers/api-cases.js'
import { itSqliteOnly } from '../helpers/postgres.js'
import { startServer, type TestServer } from '../helpers/server.js'
import type { Site } from '../helpers/site.js'
import { upload } from '../helpers/upload.js'
import {
  isoDate,
  rowsMentioning,
  sha256,
  useWorkspaceApi,
  withStore,
} from '../helpers/workspace-api.js'

const tokenPattern = /^[A-Za-z0-9_-]{43}$/

describe('workspace API', () => {
  let server: TestServer
  /** Another workspace on the same server: its token must open nothing here. */
  let other: Site
  useWorkspaceApi((api) => ({ server, other } = api))

  describe('POST /api/workspaces', () => {
    it('creates a workspace whose creator is its facilitator, with a 256-bit token and an HttpOnly cookie', async () => {
      const answer = await call(server, 'POST', '/api/workspaces', {
        body: {
          name: '  Bandung Smart Mobility 2030 ',
          description: 'A ten-year plan for moving people',
          displayName: 'Dewi',
          group: 'academia',
        },
      })
      const created = CreatedWorkspace.parse(ok(answer, 201))
      expect(Object.keys(answer.body as object).sort()).toEqual([
        'participant',
        'token',
        'workspace',
      ])
      expect(created.workspace).toEqual({
        id: expect.any(String),
        name: 'Bandung Smart Mobility 2030',
        description: 'A ten-year plan for moving people',
        createdAt: expect.stringMatching(isoDate),
        language: 'en',
      })
      expect(created.participant).toEqual({
        id: expect.any(String),
        workspaceId: created.workspace.id,
        displayName: 'Dewi',
        group: 'academia',
        role: 'facilitator',
        joinedAt: expect.stringMatching(isoDate),
      })
      expect(created.token).toMatch(tokenPattern)
      expect(Buffer.from(created.token, 'base64url')).toHaveLength(32)

      const cookie = answer.headers
        .getSetCookie()
        .find((line) => line.startsWith(`mufakat_${created.workspace.id}=`))
      expect(cookie).toBeDefined()
      expect(cookie).toContain(`mufakat_${created.workspace.id}=${created.token};`)
      expect(cookie).toMatch(/;\s*HttpOnly/i)
      expect(cookie).toMatch(/;\s*SameSite=Strict/i)
      expect(cookie).toMatch(/;\s*Path=\//i)

      // The cookie alone authenticates.
      const me = Me.parse(
        ok(
          await call(server, 'GET', `/api/workspaces/${created.workspace.id}/me`, {
            headers: { cookie: `mufakat_${created.workspace.id}=${created.token}` },
          }),
        ),
      )
      expect(me).toEqual({ workspace: created.workspace, participant: created.participant })
      // …but only under the name of its own workspace.
      expectError(
        await call(server, 'GET', `/api/workspaces/${created.workspace.id}/me`, {
          headers: { cookie: `mufakat_${other.workspaceId}=${created.token}` },
        }),
        401,
        'unauthorized',
      )
    })

    it('fills in the defaults: empty description, a facilitator named "Facilitator" from government', async () => {
      const created = CreatedWorkspace.parse(
        ok(await call(server, 'POST', '/api/workspaces', { body: { name: 'Minimal' } }), 201),
      )
      expect(created.workspace.description).toBe('')
      expect(created.participant).toMatchObject({
        displayName: 'Facilitator',
        group: 'government',
        role: 'facilitator',
      })
    })

    itSqliteOnly(
      'refuses an invalid body with 400 naming each field, and writes nothing',
      async () => {
        const count = () =>
          withStore(server, (db) => db.prepare('SELECT count(*) AS n FROM workspace').get()) as {
            n: number
          }
        const before = count().n
        const post = (body: unknown) => call(server, 'POST', '/api/workspaces', { body })
        expectBadRequest(await post({}), 'name')
        expectBadRequest(await post({ name: '' }), 'name')
        expectBadRequest(await post({ name: '    ' }), 'name')
        expectBadRequest(await post({ name: 'x'.repeat(121) }), 'name')
        expectBadRequest(await post({ name: 42 }), 'name')
        expectBadRequest(await post({ name: 'ok', description: 'x'.repeat(2001) }), 'description')
        expectBadRequest(await post({ name: 'ok', displayName: '' }), 'displayName')
        expectBadRequest(await post({ name: 'ok', group: 'aliens' }), 'group')
        expectBadRequest(await post({ name: '', group: 'aliens' }), 'name', 'group')
        expectBadRequest(await post(['name']))
        expectBadRequest(await post(null))
        expectBadRequest(await post('Bandung'))
        expectError(
          await call(server, 'POST', '/api/workspaces', { rawBody: '' }),
          400,
          'bad_request',
        )
        expectError(
          await call(server, 'POST', '/api/workspaces', { rawBody: '{"name": "unfinished' }),
          400,
          'bad_request',
        )
        expectError(
          await call(server, 'POST', '/api/workspaces', {
            rawBody: 'name=plain',
            headers: { 'content-type': 'text/plain' },
          }),
          400,
          'bad_request',
        )
        expect(count().n).toBe(before)
      },
    )

    itSqliteOnly(
      'refuses fields the caller may not choose (id, role, token) with 400 naming each, creating nothing',
      async () => {
        const before = withStore(server, (db) =>
          db.prepare('SELECT count(*) AS n FROM workspace').get(),
        )
        expectBadRequest(
          await call(server, 'POST', '/api/workspaces', {
            body: {
              name: 'Chosen',
              id: other.workspaceId,
              role: 'observer',
              token: 'my-own-token-that-i-chose-myself',
              workspace: { id: 'chosen' },
            },
          }),
          'id',
          'role',
          'token',
          'workspace',
        )
        expect(
          withStore(server, (db) => db.prepare('SELECT count(*) AS n FROM workspace').get()),
        ).toEqual(before)
        // The same body without them is created, with the server's own id, role and token.
        const created = CreatedWorkspace.parse(
          ok(await call(server, 'POST', '/api/workspaces', { body: { name: 'Chosen' } }), 201),
        )
        expect(created.workspace.id).not.toBe(other.workspaceId)
        expect(created.participant.role).toBe('facilitator')
        expect(created.token).toMatch(tokenPattern)
        // The other workspace is untouched.
        expect(
          Me.parse(
            ok(
              await call(server, 'GET', `/api/workspaces/${other.workspaceId}/me`, {
                token: other.token,
              }),
            ),
          ).workspace.name,
        ).toBe('Surabaya Flood Resilience')
      },
    )

    itSqliteOnly(
      'stores only a hash of the token: the token appears nowhere in the database',
      async () => {
        const created = CreatedWorkspace.parse(
          ok(await call(server, 'POST', '/api/workspaces', { body: { name: 'Hashing' } }), 201),
        )
        const rows = withStore(server, (db) => db.prepare('SELECT * FROM participant').all()) as {
          id: string
          token_hash: string
        }[]
        expect(rows.length).toBeGreaterThanOrEqual(2)
        for (const row of rows) {
          for (const value of Object.values(row)) {
            expect(String(value)).not.toContain(created.token)
          }
        }
        expect(rows.find((row) => row.id === created.participant.id)?.token_hash).toBe(
          sha256(created.token),
        )
        expect(withStore(server, (db) => rowsMentioning(db, [created.token]))).toEqual([])
        for (const file of ['mufakat.db', 'mufakat.db-wal']) {
          const full = join(server.dataDir, file)
          if (existsSync(full))
            expect(readFileSync(full).toString('latin1')).not.toContain(created.token)
        }
      },
    )
  })

  describe('with ADMIN_TOKEN set', () => {
    const adminToken = 'admin-token-for-the-city-hall-0123456789'
    let admin: TestServer
    beforeAll(async () => {
      admin = await startServer({ env: { ADMIN_TOKEN: adminToken } })
    })
    afterAll(async () => {
      await admin.stop()
    })

    it('creates a workspace only with `Authorization: Bearer <ADMIN_TOKEN>`', async () => {
      const body = { name: 'Guarded' }
      expectError(await call(admin, 'POST', '/api/workspaces', { body }), 401, 'unauthorized')
      expectError(
        await call(admin, 'POST', '/api/workspaces', { body, token: `${adminToken}x` }),
        401,
        'unauthorized',
      )
      expectError(
        await call(admin, 'POST', '/api/workspaces', {
          body,
          headers: { authorization: adminToken },
        }),
        401,
        'unauthorized',
      )
      const created = CreatedWorkspace.parse(
        ok(await call(admin, 'POST', '/api/workspaces', { body, token: adminToken }), 201),
      )
      expect(created.workspace.name).toBe('Guarded')
      // The admin token is not a workspace token.
      expectError(
        await call(admin, 'GET', `/api/workspaces/${created.workspace.id}/me`, {
          token: adminToken,
        }),
        401,
        'unauthorized',
      )
      // Bad input with the admin token is still a 400.
      expectBadRequest(
        await call(admin, 'POST', '/api/workspaces', { body: { name: '' }, token: adminToken }),
        'name',
      )
    })

    it('is not locked out by anonymous attempts: they are 401 and never reach the limiter', async () => {
      // Past the default limit of 100 creations per address per hour.
      for (let attempt = 0; attempt < 105; attempt += 1) {
        expectError(
          await call(admin, 'POST', '/api/workspaces', { body: { name: `Spam ${attempt}` } }),
          401,
          'unauthorized',
        )
      }
      const created = CreatedWorkspace.parse(
        ok(
          await call(admin, 'POST', '/api/workspaces', {
            body: { name: 'Still mine' },
            token: adminToken,
          }),
          201,
        ),
      )
      expect(created.workspace.name).toBe('Still mine')
      // Nor made to read a body first: a streamed one is refused before it is read.
      // Read whole, all 100 MB would go before the answer; loopback buffers let a busy machine
      // push some tens of MB before the 401 arrives (30 MB seen in CI).
      const streamed = await upload(`${admin.httpUrl}/api/workspaces`, {
        totalBytes: 100 * 1024 * 1024,
        chunked: true,
      })
      expect(streamed.status).toBe(401)
      expect(streamed.sentBeforeAnswer).toBeLessThan(60 * 1024 * 1024)
    })
  })

  describe('with RATE_LIMIT_WORKSPACES_PER_HOUR=2', () => {
    let limited: TestServer
    beforeAll(async () => {
      limited = await startServer({ env: { RATE_LIMIT_WORKSPACES_PER_HOUR: '2' } })
    })
    afterAll(async () => {
      await limited.stop()
    })

    itSqliteOnly(
      'answers the third creation from one address with 429 and Retry-After; refused bodies do not count',
      async () => {
        for (let attempt = 0; attempt < 3; attempt += 1) {
          expectBadRequest(
            await call(limited, 'POST', '/api/workspaces', { body: { name: '' } }),
            'name',
          )
        }
        const create = () => call(limited, 'POST', '/api/workspaces', { body: { name: 'Burst' } })
        const first = CreatedWorkspace.parse(ok(await create(), 201))
        ok(await create(), 201)
        const refused = await create()
        const body = expectError(refused, 429, 'rate_limited')
        const retryAfter = Number(refused.headers.get('retry-after'))
        expect(Number.isInteger(retryAfter)).toBe(true)
        expect(retryAfter).toBeGreaterThan(0)
        expect(retryAfter).toBeLessThanOrEqual(3600)
        expect(body.error.details).toEqual({ retryAfterSeconds: retryAfter })
        expect(
          withStore(limited, (db) => db.prepare('SELECT count(*) AS n FROM workspace').get()),
        ).toEqual({ n: 2 })
        // Other routes are not limited.
        ok(
          await call(limited, 'GET', `/api/workspaces/${first.workspace.id}`, {
            token: first.token,
          }),
        )
      },
    )
  })
})
