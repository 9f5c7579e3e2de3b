import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreatedInvite, type Invite, InviteUnusable } from '../../shared/src/schema/invite.js'
import { Credentials, Me } from '../../shared/src/schema/workspace.js'
import { call, expectBadRequest, expectError, ok } from '../helpers/api-cases.js'
import { type InviteSuite, unknownCode, withInviteServer } from '../helpers/invite-suite.js'
import { startServer, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'
import { isoDate } from '../helpers/workspace-api.js'

let server: TestServer
let site: Site
/** Another workspace on the same server. */
let other: Site
let invitesPath: InviteSuite['invitesPath']
let createInvite: InviteSuite['createInvite']
let accept: InviteSuite['accept']
let participantCount: InviteSuite['participantCount']

withInviteServer((suite) => {
  ;({ server, site, other, invitesPath, createInvite, accept, participantCount } = suite)
})

/** What someone holding an invite's code does: read it and accept it, within the limits. */
describe('invite API: accepting an invite', () => {
  describe('GET /api/invites/:code', () => {
    it('previews an invite without a token, revealing only what the joiner needs', async () => {
      const invite = await createInvite({ role: 'commenter', group: 'citizen', maxUses: 2 })
      const answer = await call(server, 'GET', `/api/invites/${invite.code}`)
      expect(ok(answer)).toEqual({
        workspace: {
          id: site.workspaceId,
          name: site.created.workspace.name,
          description: site.created.workspace.description,
        },
        invite: { role: 'commenter', group: 'citizen', expiresAt: null },
      })
      // Previewing uses nothing.
      const listed = ok<{ invites: Invite[] }>(
        await call(server, 'GET', invitesPath(), { token: site.token }),
      ).invites.find((entry) => entry.code === invite.code)
      expect(listed?.uses).toBe(0)

      expectError(await call(server, 'GET', `/api/invites/${unknownCode}`), 404, 'not_found')
      expectBadRequest(await call(server, 'GET', '/api/invites/short'), 'code')
      expectBadRequest(await call(server, 'GET', `/api/invites/${'a'.repeat(65)}`), 'code')
      expectBadRequest(await call(server, 'GET', '/api/invites/has.dots.in.the.code'), 'code')
    })
  })

  describe('POST /api/invites/:code/accept', () => {
    it("joins with the invite's role and group, answering the participant and a token (once)", async () => {
      const invite = await createInvite({ role: 'mediator', group: 'academia' })
      const before = await participantCount(site.workspaceId)
      const answer = await accept(invite.code, { displayName: '  Mira  ', group: 'business' })
      const joined = Credentials.parse(ok(answer, 201))
      expect(Object.keys(answer.body as object).sort()).toEqual(['participant', 'token'])
      expect(joined.participant).toEqual({
        id: expect.any(String),
        workspaceId: site.workspaceId,
        displayName: 'Mira',
        // The invite's group wins over the one asked for.
        group: 'academia',
        role: 'mediator',
        joinedAt: expect.stringMatching(isoDate),
      })
      expect(joined.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      const cookie = answer.headers
        .getSetCookie()
        .find((line) => line.startsWith(`mufakat_${site.workspaceId}=`))
      expect(cookie).toContain(`=${joined.token};`)
      expect(cookie).toMatch(/HttpOnly/i)
      expect(cookie).toMatch(/SameSite=Strict/i)
      expect(await participantCount(site.workspaceId)).toBe(before + 1)
      const me = Me.parse(
        ok(
          await call(server, 'GET', `/api/workspaces/${site.workspaceId}/me`, {
            token: joined.token,
          }),
        ),
      )
      expect(me.participant).toEqual(joined.participant)

      // The joiner cannot choose a role or a workspace: asking for one is refused, adding nobody.
      const commenterInvite = await createInvite({ role: 'commenter', group: 'citizen' })
      const beforeSneaky = await participantCount(site.workspaceId)
      expectBadRequest(
        await accept(commenterInvite.code, {
          displayName: 'Eve',
          role: 'facilitator',
          workspaceId: other.workspaceId,
        }),
        'role',
        'workspaceId',
      )
      expect(await participantCount(site.workspaceId)).toBe(beforeSneaky)
      const eve = Credentials.parse(
        ok(await accept(commenterInvite.code, { displayName: 'Eve' }), 201),
      )
      expect(eve.participant).toMatchObject({
        role: 'commenter',
        group: 'citizen',
        workspaceId: site.workspaceId,
      })

      // An invite without a group: the joiner picks one, or is a citizen.
      const open = await createInvite({ role: 'stakeholder' })
      const picked = Credentials.parse(
        ok(await accept(open.code, { displayName: 'Bima', group: 'media' }), 201),
      )
      expect(picked.participant).toMatchObject({ role: 'stakeholder', group: 'media' })
      const defaulted = Credentials.parse(
        ok(await accept(open.code, { displayName: 'Citra' }), 201),
      )
      expect(defaulted.participant).toMatchObject({ role: 'stakeholder', group: 'citizen' })
      expect(new Set([joined.token, picked.token, defaulted.token]).size).toBe(3)
    })

    it('refuses an invalid body or code with 400 naming the field, and adds nobody', async () => {
      const invite = await createInvite({ role: 'stakeholder', maxUses: 1 })
      const before = await participantCount(site.workspaceId)
      expectBadRequest(await accept(invite.code, {}), 'displayName')
      expectBadRequest(await accept(invite.code, { displayName: '' }), 'displayName')
      expectBadRequest(await accept(invite.code, { displayName: '   ' }), 'displayName')
      expectBadRequest(await accept(invite.code, { displayName: 'x'.repeat(81) }), 'displayName')
      expectBadRequest(await accept(invite.code, { displayName: 7 }), 'displayName')
      expectBadRequest(await accept(invite.code, { displayName: 'Ok', group: 'aliens' }), 'group')
      expectBadRequest(
        await accept(invite.code, { displayName: '', group: 'aliens' }),
        'displayName',
        'group',
      )
      expectError(
        await call(server, 'POST', `/api/invites/${invite.code}/accept`, {
          rawBody: '{"displayName"',
        }),
        400,
        'bad_request',
      )
      expectBadRequest(await accept('short', { displayName: 'Ok' }), 'code')
      expectError(await accept(unknownCode, { displayName: 'Ok' }), 404, 'not_found')
      expect(await participantCount(site.workspaceId)).toBe(before)
      // None of that used the single use up.
      ok(await accept(invite.code, { displayName: 'The one' }), 201)
    })

    it('counts uses and answers 410 once maxUses is reached, also under concurrent accepts', async () => {
      const single = await createInvite({ role: 'observer', maxUses: 1 })
      ok(await accept(single.code, { displayName: 'First' }), 201)
      const usedUp = expectError(await accept(single.code, { displayName: 'Second' }), 410, 'gone')
      // The joiner is told why: used up, not revoked or expired.
      expect(usedUp.error.details).toEqual({ reason: InviteUnusable.enum.used_up })
      expect(
        expectError(await call(server, 'GET', `/api/invites/${single.code}`), 410, 'gone').error
          .details,
      ).toEqual({ reason: 'used_up' })

      const fresh = await Site.open(server, 'Crowded')
      const three = await createInvite({ role: 'stakeholder', maxUses: 3 }, fresh)
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          accept(three.code, { displayName: `Person ${index}` }),
        ),
      )
      expect(answers.filter((answer) => answer.status === 201)).toHaveLength(3)
      for (const refused of answers.filter((answer) => answer.status !== 201)) {
        expect(expectError(refused, 410, 'gone').error.details).toEqual({ reason: 'used_up' })
      }
      const listed = ok<{ invites: Invite[] }>(
        await call(server, 'GET', invitesPath(fresh), { token: fresh.token }),
      ).invites
      expect(listed.find((invite) => invite.code === three.code)?.uses).toBe(3)
      expect(await participantCount(fresh.workspaceId)).toBe(4)
    })

    it('answers 410 once the invite has expired', async () => {
      const expiresAt = new Date(Date.now() + 1_000).toISOString()
      const invite = await createInvite({ role: 'stakeholder', expiresAt })
      expect(
        ok<{ invite: { expiresAt: string } }>(
          await call(server, 'GET', `/api/invites/${invite.code}`),
        ).invite.expiresAt,
      ).toBe(expiresAt)
      await waitFor(() => Date.now() > Date.parse(expiresAt) + 50, 'the invite to expire', 5_000)
      expectError(await call(server, 'GET', `/api/invites/${invite.code}`), 410, 'gone')
      expect(
        expectError(await accept(invite.code, { displayName: 'Too late' }), 410, 'gone').error
          .details,
      ).toEqual({ reason: 'expired' })
      const listed = ok<{ invites: Invite[] }>(
        await call(server, 'GET', invitesPath(), { token: site.token }),
      ).invites.find((entry) => entry.code === invite.code)
      expect(listed?.uses).toBe(0)
    })
  })

  describe('with RATE_LIMIT_ACCEPTS_PER_MINUTE=2 and PUBLIC_URL', () => {
    let limited: TestServer
    beforeAll(async () => {
      limited = await startServer({
        env: { RATE_LIMIT_ACCEPTS_PER_MINUTE: '2', PUBLIC_URL: 'https://mufakat.example.org/' },
      })
    })
    afterAll(async () => {
      await limited.stop()
    })

    it('links invites under PUBLIC_URL; only unknown codes count: the third from one address is 429', async () => {
      const workspace = await Site.open(limited, 'Limited')
      const created = CreatedInvite.parse(
        ok(
          await call(limited, 'POST', `/api/workspaces/${workspace.workspaceId}/invites`, {
            token: workspace.token,
            body: { role: 'stakeholder' },
          }),
          201,
        ),
      )
      expect(created.url).toBe(`https://mufakat.example.org/join/${created.invite.code}`)
      const acceptHere = () =>
        call(limited, 'POST', `/api/invites/${created.invite.code}/accept`, {
          body: { displayName: 'Burst' },
        })
      // A whole workshop joins from one address: successful joins never count.
      for (let joined = 0; joined < 3; joined += 1) ok(await acceptHere(), 201)
      // Guessed codes do, whether previewed or accepted.
      const guess = (n: number) => `guessedCode${String(n).padStart(8, '0')}`
      expectError(await call(limited, 'GET', `/api/invites/${guess(1)}`), 404, 'not_found')
      expectError(
        await call(limited, 'POST', `/api/invites/${guess(2)}/accept`, {
          body: { displayName: 'Guess' },
        }),
        404,
        'not_found',
      )
      const refused = await call(limited, 'GET', `/api/invites/${guess(3)}`)
      const body = expectError(refused, 429, 'rate_limited')
      const retryAfter = Number(refused.headers.get('retry-after'))
      expect(Number.isInteger(retryAfter)).toBe(true)
      expect(retryAfter).toBeGreaterThan(0)
      expect(retryAfter).toBeLessThanOrEqual(60)
      expect(body.error.details).toEqual({ retryAfterSeconds: retryAfter })
      // Past the limit, a real code is refused too, and the refused accept used nothing.
      expectError(await acceptHere(), 429, 'rate_limited')
      const listed = ok<{ invites: Invite[] }>(
        await call(limited, 'GET', `/api/workspaces/${workspace.workspaceId}/invites`, {
          token: workspace.token,
        }),
      ).invites
      expect(listed[0]?.uses).toBe(3)
    })
  })
})
