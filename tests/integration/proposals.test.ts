import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanDocument } from '../../shared/src/schema/document.js'
import type { DecisionRecord, SessionEvent } from '../../shared/src/schema/session.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, Site } from '../helpers/site.js'

describe('proposals: what they may refer to, withdrawing them, and the balance of positions', () => {
  let server: TestServer
  let site: Site
  let ayu: { token: string }
  let budi: { token: string }
  let commands: ReturnType<typeof sessionCommands>
  beforeAll(async () => {
    server = await startServer()
    site = await Site.open(server)
    ayu = await site.join('stakeholder', 'Ayu', 'community')
    budi = await site.join('stakeholder', 'Budi', 'business')
    commands = sessionCommands(server, site)
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const decisionCount = async () =>
    (
      await api<{ decisions: DecisionRecord[] }>(
        server,
        'GET',
        `/api/workspaces/${site.workspaceId}/decisions`,
        { token: site.token },
      )
    ).decisions.length

  it('opens a proposal only on a live document of the same workspace', async () => {
    const { session } = await commands.open('Which document')
    const proposal = commands.proposalOn
    const unknown = await commands.refused(session.id, site.token, proposal('no-such-id'), 404)
    expect(unknown.code).toBe('not_found')
    // Another workspace's document is as unknown here as one that does not exist.
    const elsewhere = await (await Site.open(server, 'Another city')).document('their plan')
    const foreign = await commands.refused(session.id, site.token, proposal(elsewhere.id), 404)
    expect(foreign.code).toBe('not_found')
    const archived = await site.document('old plan')
    await api<{ document: PlanDocument }>(
      server,
      'PATCH',
      `/api/workspaces/${site.workspaceId}/documents/${archived.id}`,
      { token: site.token, body: { archived: true }, expect: 200 },
    )
    const refusal = await commands.refused(session.id, site.token, proposal(archived.id), 400)
    expect(refusal).toMatchObject({
      code: 'bad_request',
      details: [{ path: 'documentId', message: 'the document is archived' }],
    })

    const plan = await site.document('mobility plan')
    const { state } = await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Adopt the plan',
      text: 'Adopt the mobility plan.',
      documentId: plan.id,
    })
    expect(state.proposal?.documentId).toBe(plan.id)
    const closed = await commands.run(session.id, site.token, {
      type: 'proposal.close',
      outcome: 'adopted',
    })
    expect(closed.state.decisions).toHaveLength(1)
    await commands.run(session.id, site.token, { type: 'session.end' })
  })

  it('withdraws a proposal without a decision, so the session can end', async () => {
    const { session } = await commands.open('Withdrawn')
    const none = await commands.refused(session.id, site.token, { type: 'proposal.withdraw' }, 409)
    expect(none.details).toEqual({ rule: 'no_open_proposal' })
    await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Close Jalan Braga to cars',
      text: 'On Sundays.',
    })
    await commands.run(session.id, ayu.token, { type: 'attendance.join' })
    await commands.run(session.id, ayu.token, {
      type: 'position.take',
      value: 'object',
      reason: 'Sunday market traders',
    })
    const forbidden = await commands.refused(
      session.id,
      ayu.token,
      { type: 'proposal.withdraw' },
      403,
    )
    expect(forbidden.code).toBe('forbidden')
    expect(
      (await commands.refused(session.id, site.token, { type: 'session.end' }, 409)).details,
    ).toEqual({ rule: 'proposal_open' })

    const decisionsBefore = await decisionCount()
    const { state } = await commands.run(session.id, site.token, { type: 'proposal.withdraw' })
    expect(state.proposal).toBeNull()
    expect(state.decisions).toEqual([])
    expect(await decisionCount()).toBe(decisionsBefore)
    expect((await commands.run(session.id, site.token, { type: 'session.end' })).state.status).toBe(
      'ended',
    )

    const { events } = await api<{ events: SessionEvent[] }>(
      server,
      'GET',
      `/api/sessions/${session.id}/events`,
      { token: ayu.token },
    )
    expect(events.map((event) => event.command.type)).toContain('proposal.withdraw')
    const minutes = await api<{
      proposals: { title: string; withdrawn: boolean; outcome: string | null }[]
    }>(server, 'GET', `/api/sessions/${session.id}/minutes?format=json`, { token: ayu.token })
    expect(minutes.proposals).toEqual([
      expect.objectContaining({
        title: 'Close Jalan Braga to cars',
        withdrawn: true,
        outcome: null,
      }),
    ])
    const markdown = await fetch(`${server.httpUrl}/api/sessions/${session.id}/minutes`, {
      headers: { authorization: `Bearer ${ayu.token}` },
    })
    expect(await markdown.text()).toContain('Outcome: Withdrawn')
  })

  it('counts each person’s latest position once per proposal in the balance', async () => {
    const { session } = await commands.open('Balance')
    for (const token of [ayu.token, budi.token])
      await commands.run(session.id, token, { type: 'attendance.join' })
    await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Bike lanes',
      text: 'On Dago.',
    })
    for (const value of ['object', 'agree_with_concerns', 'agree'] as const)
      await commands.run(session.id, ayu.token, { type: 'position.take', value, reason: 'Parking' })
    const { state } = await commands.run(session.id, budi.token, {
      type: 'position.take',
      value: 'stand_aside',
    })
    expect(state.balance.positions).toEqual({ community: 1, business: 1 })
    expect(state.proposal?.positions.map((position) => [position.name, position.value])).toEqual([
      ['Ayu', 'agree'],
      ['Budi', 'stand_aside'],
    ])
    // A new proposal counts again: one position per person per proposal.
    await commands.run(session.id, site.token, { type: 'proposal.withdraw' })
    await commands.run(session.id, site.token, { type: 'proposal.open', title: 'Again', text: 'x' })
    const again = await commands.run(session.id, ayu.token, {
      type: 'position.take',
      value: 'agree',
    })
    expect(again.state.balance.positions).toEqual({ community: 2, business: 1 })
  })
})
