import { describe, expect, it } from 'vitest'
import type { Invite } from '../../shared/src/schema/invite.js'
import { Participant } from '../../shared/src/schema/people.js'
import { Me, Workspace } from '../../shared/src/schema/workspace.js'
import {
  authenticatedRoutes,
  call,
  expectAuthRefusals,
  expectBadRequest,
  expectError,
  ok,
  overlongId,
} from '../helpers/api-cases.js'
import type { TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { byId, useWorkspaceApi, workspacePath } from '../helpers/workspace-api.js'

describe('workspace API', () => {
  let server: TestServer
  /** Another workspace on the same server: its token must open nothing here. */
  let other: Site
  useWorkspaceApi((api) => ({ server, other } = api))
  const path = workspacePath

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
})
