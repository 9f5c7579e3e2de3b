import { describe, expect, it } from 'vitest'
import { CreatedInvite, Invite, InviteCode } from '../../shared/src/schema/invite.js'
import { Credentials, Me } from '../../shared/src/schema/workspace.js'
import {
  call,
  expectAuthRefusals,
  expectBadRequest,
  expectError,
  ok,
  overlongId,
} from '../helpers/api-cases.js'
import { type InviteSuite, unknownCode, withInviteServer } from '../helpers/invite-suite.js'
import type { TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { isoDate } from '../helpers/workspace-api.js'

let server: TestServer
let site: Site
/** Another workspace on the same server. */
let other: Site
let invitesPath: InviteSuite['invitesPath']
let createInvite: InviteSuite['createInvite']
let accept: InviteSuite['accept']

withInviteServer((suite) => {
  ;({ server, site, other, invitesPath, createInvite, accept } = suite)
})

/** What a facilitator does with the workspace's invites: make, list and revoke them. */
describe("invite API: a workspace's invites", () => {
  describe('POST /api/workspaces/:id/invites', () => {
    it('creates an invite (facilitator) and answers the link to share', async () => {
      const expiresAt = new Date(Date.now() + 86_400_000)
      // An offset is accepted and stored in UTC.
      const withOffset = `${expiresAt.toISOString().slice(0, 19)}+07:00`
      const answer = await call(server, 'POST', invitesPath(), {
        token: site.token,
        body: { role: 'stakeholder', group: 'business', maxUses: 3, expiresAt: withOffset },
      })
      const created = CreatedInvite.parse(ok(answer, 201))
      expect(created.invite).toEqual({
        code: expect.any(String),
        workspaceId: site.workspaceId,
        role: 'stakeholder',
        group: 'business',
        maxUses: 3,
        uses: 0,
        expiresAt: new Date(withOffset).toISOString(),
        revokedAt: null,
        createdAt: expect.stringMatching(isoDate),
        createdBy: site.created.participant.id,
      })
      expect(InviteCode.safeParse(created.invite.code).success).toBe(true)
      // 128 random bits.
      expect(Buffer.from(created.invite.code, 'base64url')).toHaveLength(16)
      expect(created.url).toBe(`${server.httpUrl}/join/${created.invite.code}`)

      // What the server decides cannot be chosen by the caller: such fields are refused.
      expectBadRequest(
        await call(server, 'POST', invitesPath(), {
          token: site.token,
          body: {
            role: 'observer',
            code: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
            uses: 99,
            workspaceId: other.workspaceId,
            revokedAt: '2000-01-01T00:00:00Z',
            createdBy: 'someone-else',
          },
        }),
        'code',
        'uses',
        'workspaceId',
        'revokedAt',
        'createdBy',
      )

      // Only the role is required.
      const minimal = await createInvite({ role: 'observer' })
      expect(minimal).toMatchObject({
        role: 'observer',
        group: null,
        maxUses: null,
        expiresAt: null,
      })
      expect(minimal.code).not.toBe(created.invite.code)
    })

    it('refuses an invalid body with 400 naming each field, and creates nothing', async () => {
      const before = ok<{ invites: Invite[] }>(
        await call(server, 'GET', invitesPath(), { token: site.token }),
      ).invites.length
      const post = (body: unknown) =>
        call(server, 'POST', invitesPath(), { token: site.token, body })
      expectBadRequest(await post({}), 'role')
      expectBadRequest(await post({ role: 'mayor' }), 'role')
      expectBadRequest(await post({ role: 'observer', group: 'aliens' }), 'group')
      expectBadRequest(await post({ role: 'observer', maxUses: 0 }), 'maxUses')
      expectBadRequest(await post({ role: 'observer', maxUses: 1.5 }), 'maxUses')
      expectBadRequest(await post({ role: 'observer', maxUses: 10_001 }), 'maxUses')
      expectBadRequest(await post({ role: 'observer', maxUses: '3' }), 'maxUses')
      expectBadRequest(await post({ role: 'observer', expiresAt: 'tomorrow' }), 'expiresAt')
      const past = expectBadRequest(
        await post({ role: 'observer', expiresAt: new Date(Date.now() - 60_000).toISOString() }),
        'expiresAt',
      )
      expect(past.find((detail) => detail.path === 'expiresAt')?.message).toContain('future')
      expectBadRequest(
        await post({ role: 'mayor', maxUses: 0, expiresAt: '2000-01-01T00:00:00Z' }),
        'role',
        'maxUses',
        'expiresAt',
      )
      expectError(
        await call(server, 'POST', invitesPath(), { token: site.token, rawBody: '{"role":"obs' }),
        400,
        'bad_request',
      )
      expectBadRequest(
        await call(server, 'POST', `/api/workspaces/${overlongId}/invites`, {
          token: site.token,
          body: { role: 'observer' },
        }),
        'id',
      )
      const after = ok<{ invites: Invite[] }>(
        await call(server, 'GET', invitesPath(), { token: site.token }),
      ).invites.length
      expect(after).toBe(before)
    })

    it('is for facilitators only, and only in their own workspace', async () => {
      const stakeholder = await site.join('stakeholder', 'Sari', 'business')
      const mediator = await site.join('mediator', 'Mira', 'academia')
      const observer = await site.join('observer', 'Oki', 'media')
      for (const token of [stakeholder.token, mediator.token, observer.token]) {
        expectError(
          await call(server, 'POST', invitesPath(), { token, body: { role: 'facilitator' } }),
          403,
          'forbidden',
        )
      }
      await expectAuthRefusals(
        server,
        { method: 'POST', path: invitesPath(), body: { role: 'observer' } },
        other.token,
      )
    })
  })

  describe('GET /api/workspaces/:id/invites', () => {
    it('lists every invite of the workspace with its uses (facilitator only)', async () => {
      const fresh = await Site.open(server, 'Invites listed')
      const a = await createInvite({ role: 'stakeholder', maxUses: 5 }, fresh)
      const b = await createInvite({ role: 'observer', group: 'media' }, fresh)
      ok(await accept(a.code, { displayName: 'One' }), 201)
      ok(await accept(a.code, { displayName: 'Two' }), 201)
      const listed = ok<{ invites: unknown[] }>(
        await call(server, 'GET', invitesPath(fresh), { token: fresh.token }),
      ).invites.map((entry) => Invite.parse(entry))
      expect(listed.map((invite) => [invite.code, invite.uses])).toEqual(
        expect.arrayContaining([
          [a.code, 2],
          [b.code, 0],
        ]),
      )
      expect(listed).toHaveLength(2)
      expect(listed.every((invite) => invite.workspaceId === fresh.workspaceId)).toBe(true)

      const stakeholder = await fresh.join('stakeholder', 'Sari')
      const mediator = await fresh.join('mediator', 'Mira')
      for (const token of [stakeholder.token, mediator.token]) {
        expectError(await call(server, 'GET', invitesPath(fresh), { token }), 403, 'forbidden')
      }
      await expectAuthRefusals(server, { method: 'GET', path: invitesPath(fresh) }, other.token)
      expectBadRequest(
        await call(server, 'GET', `/api/workspaces/${overlongId}/invites`, { token: fresh.token }),
        'id',
      )
    })
  })

  describe('DELETE /api/workspaces/:id/invites/:code', () => {
    it('revokes an invite (204): it can no longer be previewed or accepted; who joined stays', async () => {
      const invite = await createInvite({ role: 'stakeholder', group: 'community' })
      const joined = Credentials.parse(ok(await accept(invite.code, { displayName: 'Early' }), 201))
      const target = `${invitesPath()}/${invite.code}`

      const stakeholder = await site.join('stakeholder', 'Sari')
      expectError(
        await call(server, 'DELETE', target, { token: stakeholder.token }),
        403,
        'forbidden',
      )
      await expectAuthRefusals(server, { method: 'DELETE', path: target }, other.token)
      expectError(
        await call(server, 'DELETE', `${invitesPath()}/${unknownCode}`, { token: site.token }),
        404,
        'not_found',
      )
      // Another workspace's invite cannot be revoked from here.
      const foreign = await createInvite({ role: 'observer' }, other)
      expectError(
        await call(server, 'DELETE', `${invitesPath()}/${foreign.code}`, { token: site.token }),
        404,
        'not_found',
      )
      ok(await call(server, 'GET', `/api/invites/${foreign.code}`))
      expectBadRequest(
        await call(server, 'DELETE', `${invitesPath()}/not-a-code`, { token: site.token }),
        'code',
      )
      // Still usable after every refusal.
      ok(await call(server, 'GET', `/api/invites/${invite.code}`))

      const revoked = await call(server, 'DELETE', target, { token: site.token })
      expect(revoked.status).toBe(204)
      expect(revoked.text).toBe('')
      expectError(await call(server, 'GET', `/api/invites/${invite.code}`), 410, 'gone')
      expect(
        expectError(await accept(invite.code, { displayName: 'Late' }), 410, 'gone').error.details,
      ).toEqual({ reason: 'revoked' })
      const listed = ok<{ invites: Invite[] }>(
        await call(server, 'GET', invitesPath(), { token: site.token }),
      ).invites.find((entry) => entry.code === invite.code)
      expect(listed).toMatchObject({ uses: 1, revokedAt: expect.stringMatching(isoDate) })
      // Who joined through it stays.
      const me = Me.parse(
        ok(
          await call(server, 'GET', `/api/workspaces/${site.workspaceId}/me`, {
            token: joined.token,
          }),
        ),
      )
      expect(me.participant).toEqual(joined.participant)
    })
  })
})
