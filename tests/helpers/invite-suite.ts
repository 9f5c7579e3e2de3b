import { afterAll, beforeAll } from 'vitest'
import { CreatedInvite, type Invite } from '../../shared/src/schema/invite.js'
import type { Role, StakeholderGroup } from '../../shared/src/schema/people.js'
import { call, ok } from './api-cases.js'
import { removeDataDirs, startServer, type TestServer } from './server.js'
import { Site } from './site.js'
import { countStored } from './store.js'

/** A well-formed code that no invite has. */
export const unknownCode = 'AAAAAAAAAAAAAAAAAAAAAA'

export type InviteSuite = ReturnType<typeof inviteSuite>

/**
 * A server with two workspaces (`site`, and `other` beside it), and the invite steps the invite
 * tests take on it: started before a file's tests, stopped after them.
 */
export const withInviteServer = (started: (suite: InviteSuite) => void): void => {
  let server: TestServer | undefined
  beforeAll(async () => {
    server = await startServer()
    const [site, other] = await Promise.all([
      Site.open(server, 'Bandung Smart Mobility 2030'),
      Site.open(server, 'Surabaya Flood Resilience'),
    ])
    started(inviteSuite(server, site, other))
  })
  afterAll(async () => {
    await server?.stop()
    await removeDataDirs()
  })
}

const inviteSuite = (server: TestServer, site: Site, other: Site) => {
  const invitesPath = (of: Site = site): string => `/api/workspaces/${of.workspaceId}/invites`
  const createInvite = async (
    body: { role: Role; group?: StakeholderGroup; maxUses?: number; expiresAt?: string },
    of: Site = site,
  ): Promise<Invite> =>
    CreatedInvite.parse(
      ok(await call(server, 'POST', invitesPath(of), { token: of.token, body }), 201),
    ).invite
  const accept = (code: string, body: unknown) =>
    call(server, 'POST', `/api/invites/${code}/accept`, { body })
  const participantCount = (workspaceId: string): Promise<number> =>
    countStored(server, 'SELECT count(*) AS n FROM participant WHERE workspace_id = ?', workspaceId)
  return { server, site, other, invitesPath, createInvite, accept, participantCount }
}
