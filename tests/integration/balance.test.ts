import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AccessRule } from '../../shared/src/schema/access-rule.js'
import { underHeard, voiceBalance } from '../../shared/src/schema/balance.js'
import type { SessionCommand, SessionRule } from '../../shared/src/schema/session.js'
import {
  type SessionBalanceSummary,
  type SessionEdits,
  sessionBalanceInput,
} from '../../shared/src/schema/session-balance.js'
import { destroyClients } from '../helpers/clients.js'
import { paragraph, saved, text, write } from '../helpers/plan-text.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

interface Person {
  token: string
  participant: { id: string }
}

// The balance of voice per stakeholder group (docs/spec.md, Sessions and Access): what counts,
// for whom, against whom, and who may record for someone who is not online.
describe('balance of voice', () => {
  let server: TestServer
  let site: Site
  let ayu: Person
  let budi: Person
  let sari: Person
  let oki: Person
  beforeAll(async () => {
    server = await startServer()
    site = await Site.open(server)
    ayu = await site.join('stakeholder', 'Ayu', 'community')
    budi = await site.join('stakeholder', 'Budi', 'business')
    sari = await site.join('stakeholder', 'Sari', 'citizen')
    oki = await site.join('observer', 'Oki', 'media')
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const commands = () => sessionCommands(server, site)
  const run = (id: string, token: string, command: SessionCommand) =>
    commands().run(id, token, command)
  const refused = (id: string, token: string, command: unknown, status: number) =>
    commands().refused(id, token, command, status)
  const workshop = async (title: string, ...tokens: string[]) => {
    const { session } = await commands().open(title)
    for (const token of tokens) await run(session.id, token, { type: 'attendance.join' })
    return session.id
  }
  const stateOf = async (id: string) =>
    (await run(id, site.token, { type: 'attendance.join' })).state
  const proposal: SessionCommand = { type: 'proposal.open', title: 'Depot', text: 'Build it.' }

  it('counts a person’s latest position once, proposals, comments and ideas for the group of who said them; bad input is refused whole', async () => {
    const id = await workshop('Counts', ayu.token, budi.token)
    await run(id, site.token, proposal)
    await run(id, ayu.token, { type: 'position.take', value: 'object', reason: 'too loud' })
    await run(id, ayu.token, { type: 'position.take', value: 'agree' })
    await run(id, budi.token, { type: 'position.take', value: 'agree' })
    await run(id, ayu.token, { type: 'contribution.add', kind: 'comment', text: 'Mind the noise.' })
    await run(id, ayu.token, { type: 'contribution.add', kind: 'idea', text: 'Night buses.' })
    const { state } = await run(id, budi.token, {
      type: 'contribution.add',
      kind: 'comment',
      text: 'Costs?',
    })
    expect(state.balance).toMatchObject({
      positions: { community: 1, business: 1 },
      proposals: { government: 1 },
      comments: { community: 1, business: 1 },
      ideas: { community: 1 },
    })
    expect(state.contributions?.map((said) => [said.name, said.kind, said.channel])).toEqual([
      ['Ayu', 'comment', null],
      ['Ayu', 'idea', null],
      ['Budi', 'comment', null],
    ])

    // Bad input, next to the good: nothing is stored, the counts stay.
    for (const bad of [
      { type: 'contribution.add', kind: 'comment', text: '   ' },
      { type: 'contribution.add', kind: 'speech', text: 'x' },
      { type: 'contribution.add', kind: 'idea', text: 'x'.repeat(2001) },
      {
        type: 'contribution.add',
        kind: 'idea',
        text: 'x',
        onBehalf: { participantId: sari.participant.id, channel: 'fax' },
      },
      { type: 'contribution.add', kind: 'idea', text: 'x', onBehalf: { channel: 'paper' } },
      { type: 'position.take', value: 'agree', onBehalf: { participantId: '', channel: 'phone' } },
    ]) {
      expect((await refused(id, site.token, bad, 400)).code).toBe('bad_request')
    }
    const after = await stateOf(id)
    expect(after.balance.comments).toEqual({ community: 1, business: 1 })
    expect(after.contributions).toHaveLength(3)
  })

  it('counts against the people present now: leaving drops presence, lets go of the floor and the queue; coming back counts again', async () => {
    const id = await workshop('Presence', ayu.token, budi.token)
    await run(id, site.token, { type: 'floor.give', participantId: ayu.participant.id })
    await run(id, budi.token, { type: 'hand.raise' })
    let { state } = await run(id, ayu.token, { type: 'attendance.leave' })
    expect(state.speaker).toBeNull()
    expect(state.balance.turns).toEqual({ community: 1 })
    const ayuRow = state.attendance.find((p) => p.participantId === ayu.participant.id)
    expect(ayuRow?.leftAt).toEqual(expect.any(String))
    const live = voiceBalance(
      sessionBalanceInput(state, { added: {}, removed: {} }, { live: true }),
    )
    expect(live.find((row) => row.group === 'community')?.present).toBe(0)
    expect(live.find((row) => row.group === 'business')?.presentShare).toBe(1)
    // Gone is gone: the floor is not given to someone who left (`not_attending`).
    expect(
      (
        await refused(
          id,
          site.token,
          { type: 'floor.give', participantId: ayu.participant.id },
          409,
        )
      ).details,
    ).toMatchObject({ rule: 'not_attending' satisfies SessionRule })
    // Leaving twice changes nothing; coming back makes them present again.
    state = (await run(id, ayu.token, { type: 'attendance.leave' })).state
    state = (await run(id, ayu.token, { type: 'attendance.join' })).state
    expect(state.attendance.filter((p) => !p.leftAt)).toHaveLength(2)
    expect(state.queue.map((hand) => hand.name)).toEqual(['Budi'])
  })

  it('not_recorder: only a facilitator or mediator records a position, comment or idea for someone else', async () => {
    const id = await workshop('Recorders', ayu.token)
    await run(id, site.token, proposal)
    for (const command of [
      {
        type: 'position.take',
        value: 'agree',
        onBehalf: { participantId: sari.participant.id, channel: 'paper' },
      },
      {
        type: 'contribution.add',
        kind: 'idea',
        text: 'Sari wants shade.',
        onBehalf: { participantId: sari.participant.id, channel: 'phone' },
      },
    ] satisfies SessionCommand[]) {
      const error = await refused(id, ayu.token, command, 403)
      expect(error.details).toMatchObject({ rule: 'not_recorder' satisfies AccessRule })
    }
    const state = await stateOf(id)
    expect(state.proposal?.positions).toEqual([])
    expect(state.balance.ideas ?? {}).toEqual({})
  })

  it('speaks_for_themselves, not_a_participant: recorded for a participant who may respond and is not online here; it counts for their group, with its channel', async () => {
    const id = await workshop('On behalf', ayu.token)
    await run(id, site.token, proposal)
    const forAyu = {
      type: 'position.take',
      value: 'agree',
      onBehalf: { participantId: ayu.participant.id, channel: 'in_person' },
    } satisfies SessionCommand
    expect((await refused(id, site.token, forAyu, 409)).details).toMatchObject({
      rule: 'speaks_for_themselves' satisfies SessionRule,
    })
    for (const participantId of [oki.participant.id, 'nobody-here']) {
      const error = await refused(
        id,
        site.token,
        { ...forAyu, onBehalf: { participantId, channel: 'paper' } },
        409,
      )
      expect(error.details).toMatchObject({ rule: 'not_a_participant' satisfies SessionRule })
    }

    // Sari is not online: her paper slip counts for the citizens, marked as on paper.
    await run(id, site.token, {
      type: 'position.take',
      value: 'block',
      reason: 'No shade at the stop.',
      onBehalf: { participantId: sari.participant.id, channel: 'paper' },
    })
    const { state } = await run(id, site.token, {
      type: 'contribution.add',
      kind: 'idea',
      text: 'Plant trees at the stop.',
      onBehalf: { participantId: sari.participant.id, channel: 'phone' },
    })
    expect(state.proposal?.positions).toEqual([
      expect.objectContaining({
        name: 'Sari',
        group: 'citizen',
        value: 'block',
        channel: 'paper',
        recordedBy: { participantId: site.created.participant.id, name: 'Fasilitator' },
      }),
    ])
    expect(state.balance.positions).toEqual({ citizen: 1 })
    expect(state.balance.ideas).toEqual({ citizen: 1 })
    expect(state.contributions?.[0]).toMatchObject({ name: 'Sari', channel: 'phone' })
    // Ayu leaves: now someone may record for her.
    await run(id, ayu.token, { type: 'attendance.leave' })
    const taken = (await run(id, site.token, forAyu)).state
    expect(taken.proposal?.positions.map((p) => [p.name, p.channel])).toEqual([
      ['Sari', 'paper'],
      ['Ayu', 'in_person'],
    ])

    await run(id, site.token, { type: 'proposal.close', outcome: 'rejected' })
    await run(id, site.token, { type: 'session.end' })
    const minutes = await (
      await fetch(`${server.httpUrl}/api/sessions/${id}/minutes`, {
        headers: { authorization: `Bearer ${site.token}` },
      })
    ).text()
    expect(minutes).toContain(
      '- Sari (Citizen, on paper, recorded by Fasilitator): Block — No shade at the stop.',
    )
    expect(minutes).toContain(
      '- idea: Sari (Citizen, by phone, recorded by Fasilitator): Plant trees at the stop.',
    )
    expect(minutes).toContain('## Balance of voice')
    expect(minutes).toMatch(
      /\| Citizen \| 0 \(0 %\) \| .* \| 1 \(50 %\) \| 0 \(0 %\) \| 0 \(0 %\) \| 1 \(100 %\) \|/,
    )
  })

  it('counts plan edits in characters by the group the writer had as they wrote, and shows every session in the workspace view', async () => {
    const id = await workshop('Edits', ayu.token)
    const ayuClient = await site.connect('Mobility plan', { token: ayu.token })
    const reader = await site.connect('Mobility plan')
    write(ayuClient, [paragraph(text('Buses every ten minutes'))])
    await saved(ayuClient, reader)
    // Ayu moves to the citizens: what she wrote before stays the community's.
    await api(
      server,
      'PATCH',
      `/api/workspaces/${site.workspaceId}/participants/${ayu.participant.id}`,
      {
        token: site.token,
        body: { group: 'citizen' },
        expect: 200,
      },
    )
    const again = await site.connect('Mobility plan', { token: ayu.token })
    await waitFor(() => again.doc.getXmlFragment('default').length > 0, 'the text to load')
    write(again, [paragraph(text('Trams'))])
    await waitFor(
      () => reader.doc.getXmlFragment('default').toString().includes('Trams'),
      'the rewrite to arrive',
    )
    const { edits } = await api<SessionEdits>(server, 'GET', `/api/sessions/${id}/edits`, {
      token: ayu.token,
      expect: 200,
    })
    expect(edits.added).toEqual({ community: 'Buses every ten minutes'.length, citizen: 5 })
    expect(edits.removed).toEqual({ citizen: 'Buses every ten minutes'.length })

    // Bad input: an unknown session answers 404, another workspace's token 403.
    await api(server, 'GET', '/api/sessions/nope/edits', { token: site.token, expect: 404 })
    const other = await Site.open(server, 'Elsewhere')
    await api(server, 'GET', `/api/sessions/${id}/edits`, { token: other.token, expect: 403 })

    const view = await api<{ sessions: SessionBalanceSummary[] }>(
      server,
      'GET',
      `/api/workspaces/${site.workspaceId}/balance`,
      { token: budi.token, expect: 200 },
    )
    const mine = view.sessions.find((summary) => summary.sessionId === id)
    expect(mine?.input.edits.added).toEqual(edits.added)
    expect(mine?.input.present).toEqual(['community'])
  })

  it('prompts gently for a group present whose voice is far below its share of the people here', () => {
    const rows = voiceBalance({
      counts: {
        speakingMs: { government: 570_000, community: 30_000 },
        turns: { government: 3, community: 1 },
        positions: {},
        proposals: {},
        comments: {},
        ideas: {},
      },
      edits: { added: {}, removed: {} },
      present: ['government', 'government', 'community', 'community', 'community', 'business'],
    })
    // In the groups' fixed order.
    expect(underHeard(rows)).toEqual([
      { group: 'business', measure: 'speakingMs', presentShare: 1 / 6, share: 0 },
      { group: 'community', measure: 'speakingMs', presentShare: 0.5, share: 0.05 },
    ])
    // Nothing counted yet: nobody is prompted about it.
    expect(
      underHeard(
        voiceBalance({
          counts: {
            speakingMs: {},
            turns: {},
            positions: {},
            proposals: {},
            comments: {},
            ideas: {},
          },
          edits: { added: {}, removed: {} },
          present: ['community'],
        }),
      ),
    ).toEqual([])
  })
})
