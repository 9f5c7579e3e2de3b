import { beforeAll, describe, expect, it } from 'vitest'
import { replay } from '../../server/src/domain/sessions-and-decisions/session-machine.js'
import type { DecisionRule } from '../../shared/src/schema/decision-rule.js'
import type {
  ChainVerification,
  DecisionRecord,
  Outcome,
  Position,
  SessionEvent,
  SessionRule,
} from '../../shared/src/schema/session.js'
import { readSessionState } from '../../shared/src/ydoc/session-room.js'
import { connectClient, waitForSynced } from '../helpers/clients.js'
import type { TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, type Site } from '../helpers/site.js'
import { siteForSuite } from '../helpers/suite.js'
import { waitFor } from '../helpers/wait.js'

// Consent that respects a block (issue 17, item 2): each rule of docs/spec.md on its own session.
describe('consent that respects a block', () => {
  const suite = siteForSuite()
  let server: TestServer
  let site: Site
  let ayu: { token: string; participant: { id: string } }
  let budi: { token: string; participant: { id: string } }
  let citra: { token: string; participant: { id: string } }
  let commands: ReturnType<typeof sessionCommands>
  beforeAll(async () => {
    ;({ server, site } = suite)
    ayu = await site.join('stakeholder', 'Ayu', 'community')
    budi = await site.join('stakeholder', 'Budi', 'business')
    citra = await site.join('stakeholder', 'Citra', 'academia')
    commands = sessionCommands(server, site)
  })

  const rule = (id: SessionRule) => expect.objectContaining({ rule: id })
  /** A workshop with one open proposal, attended by Ayu, Budi and Citra. */
  const proposal = async (title: string, how: { rule?: DecisionRule; quorum?: number } = {}) => {
    const { session } = await commands.open(title)
    for (const person of [ayu, budi, citra]) {
      await commands.run(session.id, person.token, { type: 'attendance.join' })
    }
    await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title,
      text: `${title}: the text put to the room.`,
      ...how,
    })
    return session
  }
  /** A decision as members read it, with the names the log keeps beside it by commitment. */
  const decision = async (id: string) => {
    const { decisions, people } = await api<{
      decisions: DecisionRecord[]
      people: Record<string, string>
    }>(server, 'GET', `/api/workspaces/${site.workspaceId}/decisions`, { token: ayu.token })
    const found = decisions.find((record) => record.id === id)
    return found && { ...found, named: (person: string) => people[person] }
  }

  it('reason_required: an Object or a Block needs its reason, which everyone sees and the record keeps', async () => {
    const session = await proposal('Close Jalan Braga')
    const watcher = connectClient(server, session.room, { params: { token: citra.token } })
    await waitForSynced(watcher)
    for (const value of ['object', 'block'] as const) {
      const missing = await commands.refused(
        session.id,
        budi.token,
        { type: 'position.take', value },
        409,
      )
      expect(missing).toMatchObject({ code: 'conflict', details: rule('reason_required') })
      const blank = { type: 'position.take', value, reason: '  \n ' }
      expect((await commands.refused(session.id, budi.token, blank, 409)).details).toEqual(
        rule('reason_required'),
      )
    }
    // Nothing was stored by the refusals; other positions need no reason.
    const { state } = await commands.run(session.id, ayu.token, {
      type: 'position.take',
      value: 'agree',
    })
    expect(state.proposal?.positions.map((p) => p.name)).toEqual(['Ayu'])
    await commands.run(session.id, budi.token, {
      type: 'position.take',
      value: 'block',
      reason: 'Deliveries to the market have no other way in.',
    })
    await waitFor(
      () =>
        readSessionState(watcher.doc)?.proposal?.positions.find((p) => p.name === 'Budi')
          ?.reason === 'Deliveries to the market have no other way in.',
      'the reason on everyone’s screen',
    )
    const closed = await commands.run(session.id, site.token, {
      type: 'proposal.close',
      outcome: 'rejected',
    })
    const record = await decision(closed.state.decisions[0] ?? '')
    // The record names Budi by commitment only; his name is kept beside the log.
    expect(record?.dissent).toEqual([
      {
        person: expect.stringMatching(/^[0-9a-f]{64}$/),
        group: 'business',
        value: 'block',
        reason: 'Deliveries to the market have no other way in.',
      },
    ])
    expect(record?.named(record.dissent?.[0]?.person ?? '')).toBe('Budi')
    expect(JSON.stringify(record)).not.toContain(budi.participant.id)
    // Rejected over a block: nothing was adopted over it.
    expect(record).not.toHaveProperty('adoptedOver')
    const minutes = await api<{ decisions: { dissent?: unknown[] }[] }>(
      server,
      'GET',
      `/api/sessions/${session.id}/minutes?format=json`,
      { token: ayu.token },
    )
    expect(minutes.decisions[0]?.dissent).toHaveLength(1)
  })

  it('unresolved_block: adopting over a block needs the facilitator to confirm exactly the blocks shown', async () => {
    const session = await proposal('Bus depot at Gedebage')
    await commands.run(session.id, ayu.token, { type: 'position.take', value: 'agree' })
    await commands.run(session.id, budi.token, {
      type: 'position.take',
      value: 'block',
      reason: 'Noise at night.',
    })
    const adopt = { type: 'proposal.close', outcome: 'adopted' } as const
    const unconfirmed = await commands.refused(session.id, site.token, adopt, 409)
    expect(unconfirmed.details).toEqual({ rule: 'unresolved_block', blocks: 1, objections: 0 })
    // The facilitator saw one block; a second came in before they confirmed: refused again.
    await commands.run(session.id, citra.token, {
      type: 'position.take',
      value: 'block',
      reason: 'Flood plain.',
    })
    const stale = await commands.refused(session.id, site.token, { ...adopt, overBlocks: 1 }, 409)
    expect(stale.details).toEqual({ rule: 'unresolved_block', blocks: 2, objections: 0 })
    // A bare `true` is bad input, not a confirmation.
    const bad = await commands.refused(session.id, site.token, { ...adopt, overBlocks: true }, 400)
    expect(bad.code).toBe('bad_request')
    const { state } = await commands.run(session.id, site.token, { ...adopt, overBlocks: 2 })
    expect(state.proposal).toBeNull()
    const record = await decision(state.decisions[0] ?? '')
    expect(record).toMatchObject({ outcome: 'adopted', adoptedOver: { blocks: 2, objections: 0 } })
    // The log names people by commitment only: their names are kept beside it.
    expect(record?.dissent?.every(({ person }) => /^[0-9a-f]{64}$/.test(person))).toBe(true)
    expect(record?.dissent?.map(({ person, reason }) => [record.named(person), reason])).toEqual([
      ['Budi', 'Noise at night.'],
      ['Citra', 'Flood plain.'],
    ])
    const minutes = await fetch(`${server.httpUrl}/api/sessions/${session.id}/minutes`, {
      headers: { authorization: `Bearer ${ayu.token}` },
    })
    const text = await minutes.text()
    expect(text).toContain(
      'Adopted over 2 block(s) and 0 objection(s), confirmed by the facilitator',
    )
    expect(text).toContain('  - Block: Citra (Academia) — Flood plain.')
    expect(text).toContain(
      '  - rule: Consent; suggested Rejected (someone blocks); for 1, against 2, stand aside 0; 3 of 3 present responded',
    )
    // The new fields are hashed with the record: the chain still verifies.
    const verified = await api<ChainVerification>(
      server,
      'GET',
      `/api/workspaces/${site.workspaceId}/records/verify`,
      { token: ayu.token },
    )
    expect(verified.ok).toBe(true)
  })

  it('other_proposal: a close, withdraw or position naming the proposal it was made on does not land on the next one', async () => {
    const session = await proposal('Bike lanes on Dago')
    const { state } = await commands.run(session.id, site.token, { type: 'attendance.join' })
    const first = state.proposal?.id ?? ''
    await commands.run(session.id, site.token, { type: 'proposal.withdraw', proposalId: first })
    await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Close Dago to cars',
      text: 'Close Dago to cars on weekdays.',
    })
    // A second facilitator still looking at the first proposal, or a retried request.
    const stale = [
      { type: 'proposal.close', outcome: 'adopted', proposalId: first },
      { type: 'proposal.withdraw', proposalId: first },
    ]
    for (const command of stale) {
      expect(await commands.refused(session.id, site.token, command, 409)).toEqual(
        expect.objectContaining({ details: rule('other_proposal') }),
      )
    }
    const position = { type: 'position.take', value: 'agree', proposalId: first }
    expect(await commands.refused(session.id, ayu.token, position, 409)).toEqual(
      expect.objectContaining({ details: rule('other_proposal') }),
    )
    const { state: after } = await api<{
      state: { proposal: { id: string; positions: unknown[] } | null; decisions: string[] }
    }>(server, 'GET', `/api/sessions/${session.id}`, { token: site.token })
    expect(after.proposal?.positions).toEqual([])
    expect(after.decisions).toEqual([])
    // Naming the proposal open now, the close goes through.
    const second = after.proposal?.id ?? ''
    const closed = await commands.run(session.id, site.token, {
      type: 'proposal.close',
      outcome: 'deferred',
      proposalId: second,
    })
    expect(closed.state.decisions).toHaveLength(1)
  })

  it('unresolved_block: the confirmation names who blocks, so the same number from other people is refused', async () => {
    const session = await proposal('Flyover at Pasteur')
    await commands.run(session.id, budi.token, {
      type: 'position.take',
      value: 'block',
      reason: 'Noise.',
    })
    // The facilitator is shown Budi's block; Budi withdraws it and Citra blocks before they confirm.
    await commands.run(session.id, budi.token, { type: 'position.take', value: 'agree' })
    await commands.run(session.id, citra.token, {
      type: 'position.take',
      value: 'block',
      reason: 'Flood plain.',
    })
    const seen = {
      type: 'proposal.close',
      outcome: 'adopted',
      overBlocks: 1,
      over: [budi.participant.id],
    } as const
    const stale = await commands.refused(session.id, site.token, seen, 409)
    expect(stale.details).toEqual({ rule: 'unresolved_block', blocks: 1, objections: 0 })
    const confirmed = await commands.run(session.id, site.token, {
      ...seen,
      over: [citra.participant.id],
    })
    expect(confirmed.state.decisions).toHaveLength(1)
  })

  it('unresolved_objection: adopting over an objection needs confirming; a proposal without any does not', async () => {
    const session = await proposal('Car-free Sundays')
    await commands.run(session.id, ayu.token, {
      type: 'position.take',
      value: 'object',
      reason: 'Shops lose trade.',
    })
    const adopt = { type: 'proposal.close', outcome: 'adopted' } as const
    expect((await commands.refused(session.id, site.token, adopt, 409)).details).toEqual({
      rule: 'unresolved_objection',
      blocks: 0,
      objections: 1,
    })
    // Once Ayu changes her mind, nothing stands in the way and no confirmation is asked.
    await commands.run(session.id, ayu.token, { type: 'position.take', value: 'stand_aside' })
    const { state } = await commands.run(session.id, site.token, adopt)
    const record = await decision(state.decisions[0] ?? '')
    expect(record?.outcome).toBe('adopted')
    expect(record).not.toHaveProperty('dissent')
    expect(record).not.toHaveProperty('adoptedOver')

    const second = await proposal('Night market permits')
    await commands.run(second.id, budi.token, {
      type: 'position.take',
      value: 'object',
      reason: 'Parking.',
    })
    const over = await commands.run(second.id, site.token, { ...adopt, overObjections: 1 })
    const adopted = await decision(over.state.decisions[0] ?? '')
    expect(adopted).toMatchObject({
      adoptedOver: { blocks: 0, objections: 1 },
      dissent: [{ value: 'object', reason: 'Parking.' }],
    })
    expect(adopted?.named(adopted.dissent?.[0]?.person ?? '')).toBe('Budi')
  })

  it('decides by the rule chosen per proposal, and the record carries the rule, the tally and the outcome it suggested', async () => {
    const say = (id: string, token: string, value: Position, reason?: string) =>
      commands.run(id, token, { type: 'position.take', value, ...(reason ? { reason } : {}) })
    const close = async (id: string, outcome: Outcome, over: object = {}) => {
      const { state } = await commands.run(id, site.token, {
        type: 'proposal.close',
        outcome,
        ...over,
      })
      return (await decision(state.decisions.at(-1) ?? ''))?.suggestion
    }
    // Consent (the default): one block suggests rejecting.
    const consent = await proposal('By consent')
    await say(consent.id, ayu.token, 'agree')
    await say(consent.id, budi.token, 'block', 'Flood plain.')
    expect(await close(consent.id, 'rejected')).toEqual({
      rule: 'consent',
      quorum: null,
      outcome: 'rejected',
      basis: 'blocked',
      tally: { for: 1, against: 1, standAside: 0, blocks: 1, present: 3, responded: 2 },
    })
    // Consensus: everyone present agrees or stands aside; until then, defer.
    const consensus = await proposal('By consensus', { rule: 'consensus' })
    await say(consensus.id, ayu.token, 'agree')
    await say(consensus.id, budi.token, 'stand_aside')
    const { state } = await commands.run(consensus.id, citra.token, { type: 'attendance.join' })
    expect(state.proposal).toMatchObject({ rule: 'consensus', quorum: null })
    await say(consensus.id, citra.token, 'agree_with_concerns')
    expect(await close(consensus.id, 'adopted')).toMatchObject({
      outcome: 'adopted',
      basis: 'all_agree',
    })
    const waiting = await proposal('Consensus not yet', { rule: 'consensus' })
    await say(waiting.id, ayu.token, 'agree')
    expect(await close(waiting.id, 'deferred')).toMatchObject({
      outcome: 'deferred',
      basis: 'awaiting',
    })
    // Majority with a quorum: more agree than object or block, once enough people are present.
    const short = await proposal('Majority without quorum', { rule: 'majority', quorum: 4 })
    await say(short.id, ayu.token, 'agree')
    expect(await close(short.id, 'deferred')).toMatchObject({
      outcome: 'deferred',
      basis: 'no_quorum',
      quorum: 4,
    })
    const majority = await proposal('By majority', { rule: 'majority', quorum: 3 })
    await say(majority.id, ayu.token, 'agree')
    await say(majority.id, budi.token, 'agree_with_concerns')
    await say(majority.id, citra.token, 'object', 'Too costly.')
    expect(await close(majority.id, 'adopted', { overObjections: 1 })).toMatchObject({
      rule: 'majority',
      outcome: 'adopted',
      basis: 'more_agree',
      tally: { for: 2, against: 1, present: 3, responded: 3 },
    })
    // Bad input next to the good: an unknown rule or a quorum of nobody.
    const { session } = await commands.open('Bad rules')
    for (const how of [{ rule: 'unanimity' }, { rule: 'majority', quorum: 0 }]) {
      const bad = { type: 'proposal.open', title: 'x', text: 'x', ...how }
      expect((await commands.refused(session.id, site.token, bad, 400)).code).toBe('bad_request')
    }
  })

  it('keeps each attendee’s role, so those who may respond are counted and observers are not', async () => {
    const session = await proposal('Who responds')
    const oki = await site.join('observer', 'Oki', 'media')
    const { state } = await commands.run(session.id, oki.token, { type: 'attendance.join' })
    expect(state.attendance.map(({ name, role }) => [name, role])).toEqual([
      ['Ayu', 'stakeholder'],
      ['Budi', 'stakeholder'],
      ['Citra', 'stakeholder'],
      ['Oki', 'observer'],
    ])
  })

  it('replays sessions recorded before reasons and confirmations were required', () => {
    const actor = {
      participantId: 'p1',
      name: 'Budi',
      group: 'business',
      role: 'stakeholder',
    } as const
    const at = '2026-01-01T09:00:00.000Z'
    const events: SessionEvent[] = [
      { sequence: 1, at, actor, command: { type: 'attendance.join' } },
      {
        sequence: 2,
        at,
        actor,
        command: { type: 'proposal.open', title: 'Old', text: 'An old proposal.' },
        createdId: 'x',
      },
      { sequence: 3, at, actor, command: { type: 'position.take', value: 'block' } },
      {
        sequence: 4,
        at,
        actor,
        command: { type: 'proposal.close', outcome: 'adopted' },
        createdId: 'd',
      },
    ]
    expect(replay([{ title: 'Only', minutes: 5 }], at, events).decisions).toEqual(['d'])
  })
})
