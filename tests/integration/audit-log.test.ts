import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../shared/src/schema/audit.js'
import { call, expectError } from '../helpers/api-cases.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'

describe('audit log', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const audit = (site: Site): Promise<AuditEntry[]> => site.audit()
  const command = (sessionId: string, token: string, body: unknown) =>
    api(server, 'POST', `/api/sessions/${sessionId}/commands`, { token, body, expect: 200 })

  it('names who acted and whom it was about, also after they were removed', async () => {
    const site = await Site.open(server, 'Named audit')
    const ayu = await site.join('stakeholder', 'Ayu Lestari')
    await api(
      server,
      'PATCH',
      `/api/workspaces/${site.workspaceId}/participants/${ayu.participant.id}`,
      { token: site.token, body: { role: 'commenter' } },
    )
    await api(
      server,
      'DELETE',
      `/api/workspaces/${site.workspaceId}/participants/${ayu.participant.id}`,
      { token: site.token },
    )
    const entries = await audit(site)
    const byAction = (action: string) => entries.find((entry) => entry.action === action)
    expect(byAction('workspace.created')).toMatchObject({ actorName: 'Fasilitator' })
    expect(byAction('invite.accepted')).toMatchObject({ actorName: 'Ayu Lestari' })
    expect(byAction('participant.role_changed')).toMatchObject({
      actorName: 'Fasilitator',
      targetName: 'Ayu Lestari',
    })
    expect(byAction('participant.removed')).toMatchObject({ targetName: 'Ayu Lestari' })
    // An invite code is no person: no name is made up for it.
    expect(byAction('invite.created')).toMatchObject({ actorName: 'Fasilitator', targetName: null })
  })

  it('records sessions started and ended and decisions recorded, by whom', async () => {
    const site = await Site.open(server, 'Session audit')
    const { session } = await api<{ session: { id: string } }>(
      server,
      'POST',
      `/api/workspaces/${site.workspaceId}/sessions`,
      { token: site.token, body: { title: 'Lokakarya visi', kind: 'workshop' } },
    )
    await command(session.id, site.token, {
      type: 'proposal.open',
      title: 'Jalur sepeda',
      text: 'Bangun jalur sepeda di Dago.',
    })
    await command(session.id, site.token, { type: 'proposal.close', outcome: 'adopted' })
    await api(server, 'POST', `/api/workspaces/${site.workspaceId}/decisions`, {
      token: site.token,
      body: { title: 'Anggaran', text: 'Anggaran disetujui.', outcome: 'deferred' },
    })
    // A refused command records nothing: the session runs, so it cannot be ended twice...
    await command(session.id, site.token, { type: 'session.end' })
    expectError(
      await call(server, 'POST', `/api/sessions/${session.id}/commands`, {
        token: site.token,
        body: { type: 'session.end' },
      }),
      409,
      'conflict',
    )
    const entries = (await audit(site)).filter((entry) => entry.action !== 'workspace.created')
    expect(entries.map((entry) => [entry.action, entry.actorName, entry.details])).toEqual([
      ['session.started', 'Fasilitator', { title: 'Lokakarya visi', kind: 'workshop' }],
      [
        'decision.recorded',
        'Fasilitator',
        { title: 'Jalur sepeda', outcome: 'adopted', sessionId: session.id },
      ],
      [
        'decision.recorded',
        'Fasilitator',
        { title: 'Anggaran', outcome: 'deferred', sessionId: null },
      ],
      ['session.ended', 'Fasilitator', { title: 'Lokakarya visi', kind: 'workshop' }],
    ])
  })
})
