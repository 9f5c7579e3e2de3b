import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Invite } from '../../shared/src/schema/invite.js'
import { call, expectError, ok } from '../helpers/api-cases.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

describe('request logs', () => {
  let server: TestServer
  beforeAll(async () => {
    // Every request is logged at debug level.
    server = await startServer({ env: { LOG_LEVEL: 'debug' } })
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('never hold an invite code or a token: paths and queries that carry them are redacted', async () => {
    const site = await Site.open(server, 'Logged')
    const invites = `/api/workspaces/${site.workspaceId}/invites`
    const invite = ok<{ invite: Invite }>(
      await call(server, 'POST', invites, { token: site.token, body: { role: 'stakeholder' } }),
      201,
    ).invite
    const spare = ok<{ invite: Invite }>(
      await call(server, 'POST', invites, { token: site.token, body: { role: 'observer' } }),
      201,
    ).invite
    // Every way a code travels: the link a person opens, the preview, the join, the revocation.
    expect((await fetch(`${server.httpUrl}/join/${invite.code}`)).status).toBe(200)
    ok(await call(server, 'GET', `/api/invites/${invite.code}`))
    const joined = ok<{ token: string }>(
      await call(server, 'POST', `/api/invites/${invite.code}/accept`, {
        body: { displayName: 'Logged person' },
      }),
      201,
    )
    expect(
      (await call(server, 'DELETE', `${invites}/${spare.code}`, { token: site.token })).status,
    ).toBe(204)
    expectError(await call(server, 'GET', `/api/invites/${spare.code}`), 410, 'gone')
    expect((await fetch(`${server.httpUrl}/healthz?token=${joined.token}`)).status).toBe(200)
    // A published record's link is its only key: withdrawn, nobody holding it reads on.
    const { publicId } = ok<{ publicId: string }>(
      await call(server, 'PUT', `/api/workspaces/${site.workspaceId}/publication`, {
        token: site.token,
        body: { published: true },
      }),
    )
    expect((await fetch(`${server.httpUrl}/p/${publicId}`)).status).toBe(200)
    ok(await call(server, 'GET', `/api/public/${publicId}`))

    // Log lines reach the test's pipe a little after the answers.
    await waitFor(
      () => server.output.some((line) => line.includes('/api/public/')),
      'the last request to be logged',
    )
    const logs = server.output.join('\n')
    // The requests were logged, with the code's place shown but not the code.
    expect(logs).toContain('/join/[redacted]')
    expect(logs).toContain('/api/invites/[redacted]/accept')
    expect(logs).toContain(`${invites}/[redacted]`)
    expect(logs).toContain('/healthz?[redacted]')
    expect(logs).toContain('/p/[redacted]')
    expect(logs).toContain('/api/public/[redacted]')
    // The good identifiers are still there: redaction is not blanket.
    expect(logs).toContain(site.workspaceId)
    for (const secret of [invite.code, spare.code, joined.token, site.token, publicId]) {
      expect(logs).not.toContain(secret)
    }
  })
})
