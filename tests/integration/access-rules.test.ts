import { describe, expect, it } from 'vitest'
import type { AccessRule } from '../../shared/src/schema/access-rule.js'
import { refusal, ruleOf } from '../helpers/refusal.js'
import { api, Site } from '../helpers/site.js'
import { siteForSuite } from '../helpers/suite.js'

/**
 * Rules of access that REST answers by name (docs/spec.md, Access). The socket's rules
 * (token_required, other_workspace, read_only_room, not_comment_author) are tested in
 * socket-access.test.ts, and the server-owned rooms in sessions.test.ts and board.test.ts.
 */
describe('access rules', () => {
  const suite = siteForSuite()

  it('role_not_allowed: a route is open only to the roles it names, and says which rule refused', async () => {
    const { server, site } = suite
    const invites = `/api/workspaces/${site.workspaceId}/invites`
    for (const role of ['stakeholder', 'mediator', 'commenter', 'observer'] as const) {
      const person = await site.join(role, `A ${role}`, 'citizen')
      const body = { role: 'observer' }
      const error = await refusal(server, 'POST', invites, { token: person.token, body }, 403)
      expect(error.details, role).toEqual({ role, rule: 'role_not_allowed' satisfies AccessRule })
    }
    await api(server, 'POST', invites, { token: site.token, body: { role: 'observer' } })
  })

  it('other_workspace: a token acts only in the workspace it belongs to', async () => {
    const { server, site } = suite
    const other = await Site.open(server, 'Theirs')
    const path = `/api/workspaces/${site.workspaceId}/participants`
    const error = await refusal(server, 'GET', path, { token: other.token }, 403)
    expect(error.details).toEqual({ rule: 'other_workspace' satisfies AccessRule })
    await api(server, 'GET', path, { token: site.token })
  })

  it('last_facilitator: the last facilitator can neither step down nor be removed', async () => {
    const server = suite.server
    const site = await Site.open(server, 'Last facilitator')
    const participant = (id: string) => `/api/workspaces/${site.workspaceId}/participants/${id}`
    const self = participant(site.created.participant.id)
    const stepDown = { token: site.token, body: { role: 'stakeholder' } }
    for (const [method, options] of [
      ['PATCH', stepDown],
      ['DELETE', { token: site.token }],
    ] as const) {
      const error = await refusal(server, method, self, options, 409)
      expect(ruleOf(error), method).toBe('last_facilitator' satisfies AccessRule)
    }
    // With a second facilitator, the first may step down.
    const nadia = await site.join('stakeholder', 'Nadia', 'government')
    await api(server, 'PATCH', participant(nadia.participant.id), {
      token: site.token,
      body: { role: 'facilitator' },
    })
    await api(server, 'PATCH', self, stepDown)
  })
})
