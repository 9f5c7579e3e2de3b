import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { AuditEntry } from '../../shared/src/schema/audit.js'
import { PlanDocument } from '../../shared/src/schema/document.js'
import { Invite } from '../../shared/src/schema/invite.js'
import { Participant } from '../../shared/src/schema/people.js'
import { CreatedWorkspace, Me, Workspace } from '../../shared/src/schema/workspace.js'
import {
  authenticatedRoutes,
  call,
  documentedRoutes,
  expectAuthRefusals,
  expectBadRequest,
  expectError,
  ok,
  overlongId,
} from '../helpers/api-cases.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { itSqliteOnly } from '../helpers/postgres.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'
import { upload } from '../helpers/upload.js'
import { waitFor } from '../helpers/wait.js'

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')
const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
const tokenPattern = /^[A-Za-z0-9_-]{43}$/
/** Rows created within one millisecond may come in either order: compare sets by id. */
const byId = <T extends { id: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => a.id.localeCompare(b.id))

/** Reads the server's SQLite file directly, closing it again at once. */
const withStore = <T>(server: TestServer, read: (db: Database) => T): T => {
  const db = openStore(server.dataDir)
  try {
    return read(db)
  } finally {
    db.close()
  }
}

const tableNames = (db: Database): string[] =>
  (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[]
  ).map((row) => row.name)

/** Every row of every table with a text value containing one of `needles`, as readable lines. */
const rowsMentioning = (db: Database, needles: readonly string[]): string[] =>
  tableNames(db).flatMap((table) =>
    (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[])
      .filter((row) =>
        Object.values(row).some(
          (value) => typeof value === 'string' && needles.some((needle) => value.includes(needle)),
        ),
      )
      .map((row) => `${table}: ${JSON.stringify(row)}`),
  )

/** The rows of one workspace, table by table (room logs by the workspace's room names). */
const workspaceRows = (db: Database, workspaceId: string): Record<string, unknown[]> => {
  const byWorkspace = (table: string) =>
    db.prepare(`SELECT * FROM "${table}" WHERE workspace_id = ? ORDER BY rowid`).all(workspaceId)
  const rooms = (
    db.prepare('SELECT name FROM room WHERE workspace_id = ?').all(workspaceId) as {
      name: string
    }[]
  ).map((row) => row.name)
  const byRoom = (table: string) =>
    rooms.flatMap((room) =>
      (
        db.prepare(`SELECT * FROM "${table}" WHERE room = ?`).all(room) as Record<string, unknown>[]
      ).map((row) => ({ ...row, data: Buffer.from(row.data as Uint8Array).toString('hex') })),
    )
  return {
    workspace: db.prepare('SELECT * FROM workspace WHERE id = ?').all(workspaceId),
    participant: byWorkspace('participant'),
    invite: byWorkspace('invite'),
    document: db
      .prepare('SELECT * FROM document WHERE workspace_id = ? ORDER BY id')
      .all(workspaceId),
    room: db.prepare('SELECT * FROM room WHERE workspace_id = ? ORDER BY name').all(workspaceId),
    audit_entry: byWorkspace('audit_entry'),
    room_update: byRoom('room_update'),
    room_snapshot: byRoom('room_snapshot'),
  }
}

describe('workspace API', () => {
  let server: TestServer
  /** Another workspace on the same server: its token must open nothing here. */
  let other: Site
  beforeAll(async () => {
    server = await startServer({
      env: { COMPACT_AFTER_UPDATES: '3', ROOM_UNLOAD_GRACE_MS: '50' },
    })
    other = await Site.open(server, 'Surabaya Flood Resilience')
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const path = (site: Site, rest = ''): string => `/api/workspaces/${site.workspaceId}${rest}`

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

  describe('GET /api/workspaces/:id', () => {
    it('answers the workspace to each of its members', async () => {
      const site = await Site.open(server, 'Readable')
      const observer = await site.join('observer', 'Oki', 'media')
      for (const token of [site.token, observer.token]) {
        const { workspace } = ok<{ workspace: unknown }>(
          await call(server, 'GET', path(site), { token }),
        )
        expect(Workspace.parse(workspace)).toEqual(site.created.workspace)
      }
      expectBadRequest(
        await call(server, 'GET', `/api/workspaces/${overlongId}`, { token: site.token }),
        'id',
      )
    })

    it('refuses a missing or invalid token (401) and a token of another workspace (403)', async () => {
      const site = await Site.open(server, 'Guarded')
      await expectAuthRefusals(server, { method: 'GET', path: path(site) }, other.token)
      // An unknown workspace: the token is not of it, so 403 without saying whether it exists.
      expectError(
        await call(server, 'GET', '/api/workspaces/no-such-workspace', { token: site.token }),
        403,
        'forbidden',
      )
    })
  })

  describe('GET /api/workspaces/:id/me', () => {
    it('answers who the token belongs to', async () => {
      const site = await Site.open(server, 'Me')
      const stakeholder = await site.join('stakeholder', 'Sari', 'business')
      const me = Me.parse(
        ok(await call(server, 'GET', path(site, '/me'), { token: stakeholder.token })),
      )
      expect(me).toEqual({
        workspace: site.created.workspace,
        participant: stakeholder.participant,
      })
      expect(me.participant).toMatchObject({
        role: 'stakeholder',
        group: 'business',
        displayName: 'Sari',
      })
      expectBadRequest(
        await call(server, 'GET', `/api/workspaces/${overlongId}/me`, { token: site.token }),
        'id',
      )
    })

    it('refuses a missing or invalid token (401) and a token of another workspace (403)', async () => {
      const site = await Site.open(server, 'Me guarded')
      await expectAuthRefusals(server, { method: 'GET', path: path(site, '/me') }, other.token)
    })
  })

  describe('DELETE /api/workspaces/:id/session', () => {
    it('clears the workspace cookie, and refuses an invalid id', async () => {
      const site = await Site.open(server, 'Leaving this browser')
      const answer = await call(server, 'DELETE', path(site, '/session'))
      expect(answer.status).toBe(204)
      expect(answer.text).toBe('')
      const cookie = answer.headers
        .getSetCookie()
        .find((line) => line.startsWith(`mufakat_${site.workspaceId}=`))
      expect(cookie).toMatch(new RegExp(`^mufakat_${site.workspaceId}=;`))
      expect(cookie).toMatch(/Max-Age=0/i)
      expect(cookie).toMatch(/Path=\//i)
      // Clearing the browser's cookie does not revoke the token.
      ok(await call(server, 'GET', path(site, '/me'), { token: site.token }))
      expectBadRequest(await call(server, 'DELETE', `/api/workspaces/${overlongId}/session`), 'id')
    })
  })

  describe('participants', () => {
    it('GET lists the active participants, without any token material', async () => {
      const site = await Site.open(server, 'People')
      const sari = await site.join('stakeholder', 'Sari', 'business')
      const oki = await site.join('observer', 'Oki', 'media')
      for (const token of [site.token, oki.token]) {
        const answer = ok<{ participants: unknown[] }>(
          await call(server, 'GET', path(site, '/participants'), { token }),
        )
        expect(byId(answer.participants.map((entry) => Participant.strict().parse(entry)))).toEqual(
          byId([site.created.participant, sari.participant, oki.participant]),
        )
      }
      expectBadRequest(
        await call(server, 'GET', `/api/workspaces/${overlongId}/participants`, {
          token: site.token,
        }),
        'id',
      )
      await expectAuthRefusals(
        server,
        { method: 'GET', path: path(site, '/participants') },
        other.token,
      )
    })

    it('PATCH changes a role and a group (facilitator), reflected everywhere; bad input is a 400', async () => {
      const site = await Site.open(server, 'Roles')
      const putu = await site.join('observer', 'Putu', 'community')
      const target = path(site, `/participants/${putu.participant.id}`)

      const changed = ok<{ participant: unknown }>(
        await call(server, 'PATCH', target, {
          token: site.token,
          body: { role: 'stakeholder', group: 'academia' },
        }),
      )
      const expected = { ...putu.participant, role: 'stakeholder', group: 'academia' }
      expect(Participant.parse(changed.participant)).toEqual(expected)
      const listed = ok<{ participants: Participant[] }>(
        await call(server, 'GET', path(site, '/participants'), { token: site.token }),
      )
      expect(listed.participants.find((entry) => entry.id === putu.participant.id)).toEqual(
        expected,
      )
      expect(
        Me.parse(ok(await call(server, 'GET', path(site, '/me'), { token: putu.token })))
          .participant,
      ).toEqual(expected)
      // One field at a time.
      const regrouped = ok<{ participant: Participant }>(
        await call(server, 'PATCH', target, { token: site.token, body: { group: 'media' } }),
      )
      expect(regrouped.participant).toMatchObject({ role: 'stakeholder', group: 'media' })

      // Only role and group can change: any other field is refused, and nothing changes.
      expectBadRequest(
        await call(server, 'PATCH', target, {
          token: site.token,
          body: {
            group: 'academia',
            displayName: 'Renamed by someone else',
            workspaceId: other.workspaceId,
            id: 'another-id',
          },
        }),
        'displayName',
        'workspaceId',
        'id',
      )
      const regroupedAgain = ok<{ participant: Participant }>(
        await call(server, 'PATCH', target, { token: site.token, body: { group: 'academia' } }),
      )
      expect(regroupedAgain.participant).toEqual({ ...expected, group: 'academia' })

      // Bad input next to the good: nothing changes.
      const patch = (body: unknown) => call(server, 'PATCH', target, { token: site.token, body })
      expectBadRequest(await patch({ role: 'mayor' }), 'role')
      expectBadRequest(await patch({ group: 'aliens' }), 'group')
      expectBadRequest(await patch({ role: 'mayor', group: 'aliens' }), 'role', 'group')
      expectBadRequest(await patch({}))
      expectBadRequest(await patch({ role: null }), 'role')
      expectError(
        await call(server, 'PATCH', target, { token: site.token, rawBody: '{"role":' }),
        400,
        'bad_request',
      )
      expectBadRequest(
        await call(server, 'PATCH', path(site, `/participants/${overlongId}`), {
          token: site.token,
          body: { role: 'observer' },
        }),
        'participantId',
      )
      expect(
        Me.parse(ok(await call(server, 'GET', path(site, '/me'), { token: putu.token })))
          .participant,
      ).toMatchObject({ role: 'stakeholder', group: 'academia' })
    })

    it('PATCH is for facilitators only, and for participants of this workspace', async () => {
      const site = await Site.open(server, 'Roles guarded')
      const sari = await site.join('stakeholder', 'Sari', 'business')
      const mira = await site.join('mediator', 'Mira', 'academia')
      const target = path(site, `/participants/${sari.participant.id}`)
      for (const token of [sari.token, mira.token]) {
        const body = expectError(
          await call(server, 'PATCH', target, { token, body: { role: 'facilitator' } }),
          403,
          'forbidden',
        )
        expect(body.error.message).toContain('facilitator')
      }
      await expectAuthRefusals(
        server,
        { method: 'PATCH', path: target, body: { role: 'observer' } },
        other.token,
      )
      expectError(
        await call(server, 'PATCH', path(site, '/participants/no-such-person'), {
          token: site.token,
          body: { role: 'observer' },
        }),
        404,
        'not_found',
      )
      // A participant of another workspace is unknown here.
      expectError(
        await call(server, 'PATCH', path(site, `/participants/${other.created.participant.id}`), {
          token: site.token,
          body: { role: 'observer' },
        }),
        404,
        'not_found',
      )
      const me = Me.parse(ok(await call(server, 'GET', path(site, '/me'), { token: sari.token })))
      expect(me.participant.role).toBe('stakeholder')
      expect(
        Me.parse(
          ok(
            await call(server, 'GET', `/api/workspaces/${other.workspaceId}/me`, {
              token: other.token,
            }),
          ),
        ).participant.role,
      ).toBe('facilitator')
    })

    it('keeps at least one facilitator: demoting or removing the last one is a 409', async () => {
      const site = await Site.open(server, 'Last facilitator')
      const self = path(site, `/participants/${site.created.participant.id}`)
      expectError(
        await call(server, 'PATCH', self, { token: site.token, body: { role: 'stakeholder' } }),
        409,
        'conflict',
      )
      expectError(await call(server, 'DELETE', self, { token: site.token }), 409, 'conflict')
      // Changing only the group of the last facilitator is fine.
      ok(await call(server, 'PATCH', self, { token: site.token, body: { group: 'community' } }))

      // With a second facilitator, the first may step down; then the second is the last one.
      const nadia = await site.join('stakeholder', 'Nadia', 'government')
      ok(
        await call(server, 'PATCH', path(site, `/participants/${nadia.participant.id}`), {
          token: site.token,
          body: { role: 'facilitator' },
        }),
      )
      const demoted = ok<{ participant: Participant }>(
        await call(server, 'PATCH', self, { token: site.token, body: { role: 'mediator' } }),
      )
      expect(demoted.participant.role).toBe('mediator')
      const nadiaSelf = path(site, `/participants/${nadia.participant.id}`)
      expectError(
        await call(server, 'PATCH', nadiaSelf, { token: nadia.token, body: { role: 'observer' } }),
        409,
        'conflict',
      )
      expectError(await call(server, 'DELETE', nadiaSelf, { token: nadia.token }), 409, 'conflict')
      const listed = ok<{ participants: Participant[] }>(
        await call(server, 'GET', path(site, '/participants'), { token: nadia.token }),
      )
      expect(listed.participants.filter((entry) => entry.role === 'facilitator')).toHaveLength(1)
    })

    it('DELETE removes a participant (204); their token is refused on every route afterwards', async () => {
      const site = await Site.open(server, 'Removal')
      const leaving = await site.join('stakeholder', 'Lia', 'academia')
      const staying = await site.join('stakeholder', 'Sari', 'business')
      const document = await site.document('Plan')
      const { invite } = ok<{ invite: Invite }>(
        await call(server, 'POST', path(site, '/invites'), {
          token: site.token,
          body: { role: 'observer' },
        }),
        201,
      )
      const target = path(site, `/participants/${leaving.participant.id}`)

      // Wrong role, other workspace, unknown id and bad id first: nothing is removed.
      expectError(await call(server, 'DELETE', target, { token: staying.token }), 403, 'forbidden')
      await expectAuthRefusals(server, { method: 'DELETE', path: target }, other.token)
      expectError(
        await call(server, 'DELETE', path(site, '/participants/nobody-here'), {
          token: site.token,
        }),
        404,
        'not_found',
      )
      expectError(
        await call(server, 'DELETE', path(site, `/participants/${other.created.participant.id}`), {
          token: site.token,
        }),
        404,
        'not_found',
      )
      expectBadRequest(
        await call(server, 'DELETE', path(site, `/participants/${overlongId}`), {
          token: site.token,
        }),
        'participantId',
      )
      ok(await call(server, 'GET', path(site, '/me'), { token: leaving.token }))

      const removed = await call(server, 'DELETE', target, { token: site.token })
      expect(removed.status).toBe(204)
      expect(removed.text).toBe('')
      const listed = ok<{ participants: Participant[] }>(
        await call(server, 'GET', path(site, '/participants'), { token: site.token }),
      )
      expect(listed.participants.map((entry) => entry.id).sort()).toEqual(
        [site.created.participant.id, staying.participant.id].sort(),
      )
      for (const route of authenticatedRoutes({
        workspaceId: site.workspaceId,
        participantId: staying.participant.id,
        documentId: document.id,
        inviteCode: invite.code,
      })) {
        expectError(
          await call(server, route.method, route.path, {
            token: leaving.token,
            ...(route.body === undefined ? {} : { body: route.body }),
          }),
          401,
          'unauthorized',
        )
      }
      // Removing again: no such (active) participant.
      expectError(await call(server, 'DELETE', target, { token: site.token }), 404, 'not_found')
      // The others are untouched.
      ok(await call(server, 'GET', path(site, '/me'), { token: staying.token }))
      ok(await call(server, 'GET', path(site, `/documents/${document.id}`), { token: site.token }))
    })
  })

  describe('GET /api/workspaces/:id/audit', () => {
    it('lists who did what and when: role changes, removals, invites, archiving (facilitator only)', async () => {
      const site = await Site.open(server, 'Audited')
      const facilitatorId = site.created.participant.id
      const putu = await site.join('observer', 'Putu', 'community')
      const lia = await site.join('stakeholder', 'Lia', 'academia')
      ok(
        await call(server, 'PATCH', path(site, `/participants/${putu.participant.id}`), {
          token: site.token,
          body: { role: 'commenter' },
        }),
      )
      expect(
        (
          await call(server, 'DELETE', path(site, `/participants/${lia.participant.id}`), {
            token: site.token,
          })
        ).status,
      ).toBe(204)
      const { invite } = ok<{ invite: Invite }>(
        await call(server, 'POST', path(site, '/invites'), {
          token: site.token,
          body: { role: 'mediator', maxUses: 2 },
        }),
        201,
      )
      expect(
        (await call(server, 'DELETE', path(site, `/invites/${invite.code}`), { token: site.token }))
          .status,
      ).toBe(204)
      const document = await site.document('Vision')
      ok(
        await call(server, 'PATCH', path(site, `/documents/${document.id}`), {
          token: site.token,
          body: { archived: true },
        }),
      )

      const answer = ok<{ entries: unknown[] }>(
        await call(server, 'GET', path(site, '/audit'), { token: site.token }),
      )
      const entries = answer.entries.map((entry) => AuditEntry.parse(entry))
      for (const entry of entries) {
        expect(entry.workspaceId).toBe(site.workspaceId)
        expect(entry.at).toMatch(isoDate)
      }
      const ids = entries.map((entry) => entry.id)
      expect(ids).toEqual([...ids].sort((a, b) => a - b))
      const find = (action: string, target: string) =>
        entries.find((entry) => entry.action === action && entry.target === target)
      expect(find('workspace.created', site.workspaceId)?.actorId).toBe(facilitatorId)
      expect(find('participant.role_changed', putu.participant.id)).toMatchObject({
        actorId: facilitatorId,
        details: { from: 'observer', to: 'commenter' },
      })
      expect(find('participant.removed', lia.participant.id)).toMatchObject({
        actorId: facilitatorId,
        details: { displayName: 'Lia' },
      })
      expect(find('invite.created', invite.code)).toMatchObject({
        actorId: facilitatorId,
        details: { role: 'mediator', maxUses: 2 },
      })
      expect(find('invite.revoked', invite.code)?.actorId).toBe(facilitatorId)
      expect(find('document.archived', document.id)?.actorId).toBe(facilitatorId)
      expect(
        entries.some(
          (entry) => entry.action === 'invite.accepted' && entry.actorId === putu.participant.id,
        ),
      ).toBe(true)
      // In the order they happened.
      const order = [
        'participant.role_changed',
        'participant.removed',
        'invite.revoked',
        'document.archived',
      ].map((action) => entries.findIndex((entry) => entry.action === action))
      expect(order).toEqual([...order].sort((a, b) => a - b))
      expect(order.every((index) => index >= 0)).toBe(true)

      // Nobody but a facilitator reads it.
      const mira = await site.join('mediator', 'Mira', 'government')
      for (const token of [putu.token, mira.token]) {
        expectError(await call(server, 'GET', path(site, '/audit'), { token }), 403, 'forbidden')
      }
      await expectAuthRefusals(server, { method: 'GET', path: path(site, '/audit') }, other.token)
      expectBadRequest(
        await call(server, 'GET', `/api/workspaces/${overlongId}/audit`, { token: site.token }),
        'id',
      )
    })
  })

  describe('GET /api/workspaces/:id/export', () => {
    itSqliteOnly(
      'answers everything the workspace holds, room contents included, and no token material',
      async () => {
        const site = await Site.open(server, 'Exported')
        const sari = await site.join('stakeholder', 'Sari', 'business')
        const vision = await site.document('City vision', 'smart-city-vision')
        const notes = await site.document('Notes')
        const writer = connectClient(server, notes.room, { params: { token: sari.token } })
        await waitForSynced(writer)
        writer.doc.getXmlFragment('default').insert(0, [new Y.XmlText('exported words')])
        const commenter = connectClient(server, notes.commentsRoom, {
          params: { token: sari.token },
        })
        await waitForSynced(commenter)
        // Threads are keyed by id: a comments room refuses a list entry at its root.
        commenter.doc.getMap('threads').set('t1', 'a comment')
        // Both edits are stored once another client sees them (relay follows commit).
        const reader = connectClient(server, notes.room, { params: { token: site.token } })
        await waitFor(
          () => reader.doc.getXmlFragment('default').toString().includes('exported words'),
          'the edit to be stored and relayed',
        )
        const commentReader = connectClient(server, notes.commentsRoom, {
          params: { token: site.token },
        })
        await waitFor(
          () => commentReader.doc.getMap('threads').size === 1,
          'the comment to be stored and relayed',
        )

        const answer = await call(server, 'GET', path(site, '/export'), { token: site.token })
        const exported = ok<{
          exportedAt: string
          workspace: unknown
          participants: unknown[]
          invites: unknown[]
          documents: (Record<string, unknown> & {
            rooms: Record<string, { update: string; text?: string }>
          })[]
          audit: unknown[]
        }>(answer)
        expect(answer.headers.get('content-disposition')).toContain(
          `mufakat-${site.workspaceId}.json`,
        )
        expect(exported.exportedAt).toMatch(isoDate)
        expect(Workspace.parse(exported.workspace)).toEqual(site.created.workspace)
        expect(
          byId(exported.participants.map((entry) => Participant.strict().parse(entry))),
        ).toEqual(byId([site.created.participant, sari.participant]))
        const invites = exported.invites.map((entry) => Invite.parse(entry))
        expect(invites.map((invite) => invite.role)).toEqual(['stakeholder'])
        expect(invites[0]?.uses).toBe(1)
        expect(byId(exported.documents.map((document) => PlanDocument.parse(document)))).toEqual(
          byId([vision, notes]),
        )
        const visionExport = exported.documents.find((document) => document.id === vision.id)
        const notesExport = exported.documents.find((document) => document.id === notes.id)
        expect(Object.keys(visionExport?.rooms ?? {}).sort()).toEqual(
          [vision.commentsRoom, vision.room].sort(),
        )
        for (const heading of ['Smart economy', 'Smart living']) {
          expect(visionExport?.rooms[vision.room]?.text).toContain(heading)
        }
        expect(notesExport?.rooms[notes.room]?.text).toContain('exported words')
        const comments = new Y.Doc()
        Y.applyUpdate(
          comments,
          Buffer.from(notesExport?.rooms[notes.commentsRoom]?.update ?? '', 'base64'),
        )
        expect(comments.getMap('threads').toJSON()).toEqual({ t1: 'a comment' })
        const audit = exported.audit.map((entry) => AuditEntry.parse(entry))
        expect(audit.map((entry) => entry.action)).toEqual(
          expect.arrayContaining([
            'workspace.created',
            'invite.accepted',
            'document.created',
            'workspace.exported',
          ]),
        )

        // No token, and no token hash, anywhere in it.
        const hashes = withStore(server, (db) =>
          db
            .prepare('SELECT token_hash FROM participant WHERE workspace_id = ?')
            .all(site.workspaceId),
        ) as { token_hash: string }[]
        expect(hashes).toHaveLength(2)
        for (const secret of [site.token, sari.token, ...hashes.map((row) => row.token_hash)]) {
          expect(answer.text).not.toContain(secret)
        }
        expect(answer.text).not.toMatch(/token/i)

        // Facilitators only.
        expectError(
          await call(server, 'GET', path(site, '/export'), { token: sari.token }),
          403,
          'forbidden',
        )
        await expectAuthRefusals(
          server,
          { method: 'GET', path: path(site, '/export') },
          other.token,
        )
        expectBadRequest(
          await call(server, 'GET', `/api/workspaces/${overlongId}/export`, { token: site.token }),
          'id',
        )
      },
    )
  })

  describe('DELETE /api/workspaces/:id', () => {
    it('is for facilitators of the workspace only', async () => {
      const site = await Site.open(server, 'Not to be deleted')
      const sari = await site.join('stakeholder', 'Sari', 'business')
      const mira = await site.join('mediator', 'Mira', 'academia')
      for (const token of [sari.token, mira.token]) {
        expectError(await call(server, 'DELETE', path(site), { token }), 403, 'forbidden')
      }
      await expectAuthRefusals(server, { method: 'DELETE', path: path(site) }, other.token)
      expectBadRequest(
        await call(server, 'DELETE', `/api/workspaces/${overlongId}`, { token: site.token }),
        'id',
      )
      ok(await call(server, 'GET', path(site), { token: sari.token }))
    })

    itSqliteOnly(
      'deletes every row and room of the workspace, closes its sockets with 4404, and leaves others untouched',
      async () => {
        const site = await Site.open(server, 'To be deleted')
        const sari = await site.join('stakeholder', 'Sari', 'business')
        const vision = await site.document('Vision', 'smart-city-vision')
        const notes = await site.document('Notes')
        const { invite } = ok<{ invite: Invite }>(
          await call(server, 'POST', path(site, '/invites'), {
            token: site.token,
            body: { role: 'observer', maxUses: 5 },
          }),
          201,
        )
        // The other workspace has content of its own, in every table.
        const otherDocument = await other.document('Flood plan', 'smart-city-vision')
        await other.join('commenter', 'Citra', 'citizen')

        // Enough separately committed edits for a snapshot (COMPACT_AFTER_UPDATES=3), then one
        // more in the log. An edit is committed once a second client has it (relay follows commit).
        const client = connectClient(server, notes.room, { params: { token: sari.token } })
        const witness = connectClient(server, notes.room, { params: { token: site.token } })
        await Promise.all([waitForSynced(client), waitForSynced(witness)])
        const text = client.doc.getText('t')
        const write = async (word: string) => {
          text.insert(text.length, word)
          const expected = text.toString()
          await waitFor(
            () => witness.doc.getText('t').toString() === expected,
            `"${word}" to arrive`,
          )
        }
        const stored = (table: string) =>
          withStore(
            server,
            (db) =>
              (
                db.prepare(`SELECT count(*) AS n FROM ${table} WHERE room = ?`).get(notes.room) as {
                  n: number
                }
              ).n,
          )
        for (const word of ['one ', 'two ', 'three ', 'four ']) await write(word)
        await waitFor(() => stored('room_snapshot') === 1, 'the room to be compacted')
        await write('five')
        await waitFor(() => stored('room_update') > 0, 'the last edit to be stored')

        const before = withStore(server, (db) => workspaceRows(db, site.workspaceId))
        for (const [table, rows] of Object.entries(before)) {
          expect(rows.length, `${table} rows of the workspace before deletion`).toBeGreaterThan(0)
        }
        const otherBefore = withStore(server, (db) => workspaceRows(db, other.workspaceId))
        expect(otherBefore.room_update?.length).toBeGreaterThan(0)
        expect(otherBefore.document).toContainEqual(
          expect.objectContaining({ id: otherDocument.id }),
        )

        const answer = await call(server, 'DELETE', path(site), { token: site.token })
        expect(answer.status).toBe(204)
        expect(answer.text).toBe('')
        expect(
          answer.headers
            .getSetCookie()
            .some((line) => line.startsWith(`mufakat_${site.workspaceId}=;`)),
        ).toBe(true)
        await waitFor(
          () => client.closes.some((close) => close.code === CloseCode.roomNotFound),
          'the connected client to be closed with 4404',
        )
        // Rooms leave memory; nothing is written back once they do.
        await waitFor(async () => {
          const health = (await (await fetch(`${server.httpUrl}/healthz`)).json()) as {
            roomsLoaded: number
          }
          return health.roomsLoaded === 0
        }, 'every room to unload')

        const needles = [
          site.workspaceId,
          site.created.participant.id,
          sari.participant.id,
          vision.id,
          notes.id,
          invite.code,
          sha256(site.token),
          sha256(sari.token),
        ]
        const leftovers = withStore(server, (db) => ({
          rows: workspaceRows(db, site.workspaceId),
          mentions: rowsMentioning(db, needles),
          rooms: [vision.room, vision.commentsRoom, notes.room, notes.commentsRoom].map((room) => ({
            room,
            updates: db.prepare('SELECT count(*) AS n FROM room_update WHERE room = ?').get(room),
            snapshots: db
              .prepare('SELECT count(*) AS n FROM room_snapshot WHERE room = ?')
              .get(room),
          })),
        }))
        expect(leftovers.mentions).toEqual([])
        for (const rows of Object.values(leftovers.rows)) expect(rows).toEqual([])
        for (const room of leftovers.rooms) {
          expect(room).toEqual({ room: room.room, updates: { n: 0 }, snapshots: { n: 0 } })
        }
        // The other workspace is exactly as it was.
        expect(withStore(server, (db) => workspaceRows(db, other.workspaceId))).toEqual(otherBefore)
        ok(
          await call(
            server,
            'GET',
            `/api/workspaces/${other.workspaceId}/documents/${otherDocument.id}`,
            { token: other.token },
          ),
        )

        // Its tokens open nothing any more.
        for (const token of [site.token, sari.token]) {
          for (const route of authenticatedRoutes({
            workspaceId: site.workspaceId,
            participantId: sari.participant.id,
            documentId: notes.id,
            inviteCode: invite.code,
          })) {
            expectError(
              await call(server, route.method, route.path, {
                token,
                ...(route.body === undefined ? {} : { body: route.body }),
              }),
              401,
              'unauthorized',
            )
          }
        }
        // Its invite leads nowhere.
        expectError(await call(server, 'GET', `/api/invites/${invite.code}`), 404, 'not_found')
      },
    )
  })

  describe('OpenAPI and the reference page', () => {
    it('GET /api/openapi.json is OpenAPI 3.1 and documents every route', async () => {
      const answer = await call(server, 'GET', '/api/openapi.json')
      const document = ok<{
        openapi: string
        info: { title: string }
        paths: Record<
          string,
          Record<
            string,
            { summary?: string; responses?: Record<string, unknown>; security?: unknown }
          >
        >
      }>(answer)
      expect(document.openapi).toMatch(/^3\.1\./)
      expect(document.info.title).toBe('Mufakat API')
      for (const [method, route] of documentedRoutes) {
        const operation = document.paths[route]?.[method]
        expect(operation, `${method.toUpperCase()} ${route} is documented`).toBeDefined()
        expect(operation?.summary?.length, `${method} ${route} has a summary`).toBeGreaterThan(0)
        expect(
          Object.keys(operation?.responses ?? {}),
          `${method} ${route} answers`,
        ).not.toHaveLength(0)
      }
      // Every status these tests saw a route answer is documented for it.
      const publicRoutes = new Set([
        'post /api/workspaces',
        'delete /api/workspaces/{id}/session',
        'get /api/invites/{code}',
        'post /api/invites/{code}/accept',
      ])
      const extra: Record<string, string[]> = {
        'post /api/workspaces': ['201', '401', '429'],
        'delete /api/workspaces/{id}': ['204'],
        'delete /api/workspaces/{id}/session': ['204'],
        'patch /api/workspaces/{id}/participants/{participantId}': ['409'],
        'delete /api/workspaces/{id}/participants/{participantId}': ['204', '409'],
        'post /api/workspaces/{id}/invites': ['201'],
        'delete /api/workspaces/{id}/invites/{code}': ['204'],
        'get /api/invites/{code}': ['200', '404', '410'],
        'post /api/invites/{code}/accept': ['201', '404', '410', '429'],
        'post /api/workspaces/{id}/documents': ['201'],
      }
      for (const [method, route] of documentedRoutes) {
        const key = `${method} ${route}`
        const operation = document.paths[route]?.[method]
        const statuses = Object.keys(operation?.responses ?? {})
        const expected = [
          '400',
          ...(publicRoutes.has(key) ? [] : ['401', '403', '404']),
          ...(extra[key] ?? ['200']),
        ]
        expect(statuses, key).toEqual(expect.arrayContaining(expected))
        if (!publicRoutes.has(key)) expect(operation?.security, key).toEqual([{ bearer: [] }])
      }
    })

    it('GET /api/reference lists every route as HTML under a strict Content-Security-Policy', async () => {
      const answer = await call(server, 'GET', '/api/reference')
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toContain('text/html')
      const csp = answer.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toContain('unsafe-inline')
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
      expect(answer.text).not.toContain('<script')
      for (const [method, route] of documentedRoutes) {
        expect(answer.text).toContain(
          `<td><code>${method.toUpperCase()}</code></td><td><code>${route}</code></td>`,
        )
      }
    })

    it('answers unknown API routes with 404 in the error shape', async () => {
      for (const [method, route] of [
        ['GET', '/api/nothing-here'],
        ['POST', `/api/workspaces/${other.workspaceId}/nothing-here`],
        ['PUT', `/api/workspaces/${other.workspaceId}`],
        ['GET', '/api/invites'],
      ] as const) {
        expectError(await call(server, method, route, { token: other.token }), 404, 'not_found')
      }
    })
  })
})
