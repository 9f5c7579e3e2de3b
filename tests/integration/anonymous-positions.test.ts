import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { StakeholderGroup } from '../../shared/src/schema/people.js'
import type { DecisionRecord, SessionEvent, SessionState } from '../../shared/src/schema/session.js'
import { readRoom } from '../helpers/clients.js'
import type { TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, type Site } from '../helpers/site.js'
import { countStored, readStore } from '../helpers/store.js'
import { siteForSuite } from '../helpers/suite.js'
import { waitFor } from '../helpers/wait.js'

type Person = { token: string; participant: { id: string } }
const lane = 'The market loses its only delivery lane.'
const buses = 'Buses would have no stop left on Braga.'

// Anonymous positions on a proposal (issue 17, item 3): counts for everyone, who for nobody.
describe('anonymous positions on a proposal', () => {
  const suite = siteForSuite()
  let server: TestServer
  let site: Site
  let commands: ReturnType<typeof sessionCommands>
  const people: Record<string, Person> = {}
  const person = (name: string): Person => {
    const found = people[name]
    if (!found) throw new Error(`no ${name}`)
    return found
  }
  const groups: [string, StakeholderGroup][] = [
    ['Ayu', 'community'],
    ['Dewi', 'community'],
    ['Eko', 'community'],
    ['Gita', 'government'],
    ['Hadi', 'government'],
    ['Budi', 'business'],
  ]
  beforeAll(async () => {
    ;({ server, site } = suite)
    for (const [name, group] of groups) people[name] = await site.join('stakeholder', name, group)
    commands = sessionCommands(server, site)
  })
  const ids = () => groups.map(([name]) => person(name).participant.id)
  const ballotsLeft = (proposalId: string) =>
    countStored(
      server,
      'SELECT count(*) AS n FROM proposal_ballot WHERE proposal_id = ?',
      proposalId,
    )

  /** A workshop everyone attends, with an anonymous proposal open. */
  const opened = async (title: string, rule?: 'consent' | 'majority') => {
    const { session } = await commands.open(title)
    for (const [name] of groups) {
      await commands.run(session.id, person(name).token, { type: 'attendance.join' })
    }
    const { state } = await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Close Jalan Braga',
      text: 'On Sundays, to cars.',
      anonymous: true,
      ...(rule ? { rule } : {}),
    })
    return { session, proposalId: state.proposal?.id ?? '' }
  }
  const take = (sessionId: string, name: string, body: Record<string, unknown>) =>
    api<{ state: SessionState; receipt?: string }>(
      server,
      'POST',
      `/api/sessions/${sessionId}/commands`,
      { token: person(name).token, body: { type: 'position.take', ...body }, expect: 200 },
    )
  /** Everything a member reads of the session: state, room, events, minutes (both forms). */
  const readable = async (sessionId: string, room: string, token: string) => {
    const get = <T>(path: string) => api<T>(server, 'GET', path, { token })
    const { state } = await get<{ state: SessionState }>(`/api/sessions/${sessionId}`)
    const { events } = await get<{ events: SessionEvent[] }>(`/api/sessions/${sessionId}/events`)
    const minutes = await get<{ proposals: { positions: unknown[] }[] }>(
      `/api/sessions/${sessionId}/minutes?format=json`,
    )
    const markdown = await (
      await fetch(`${server.httpUrl}/api/sessions/${sessionId}/minutes`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).text()
    const roomState = (
      (await readRoom(server, room, { maps: ['session'] }, token)).session as {
        state: SessionState
      }
    ).state
    return { state, roomState, events, minutes, markdown }
  }

  it('already_responded, unresolved_block: counts by group above the threshold, reasons without names, changes with a receipt, and no row, event, record or answer says who', async () => {
    const { session, proposalId } = await opened('Anonymous')
    const chosen: [string, Record<string, unknown>][] = [
      ['Ayu', { value: 'agree' }],
      ['Dewi', { value: 'agree' }],
      ['Eko', { value: 'agree' }],
      ['Gita', { value: 'block', reason: buses }],
      ['Hadi', { value: 'agree' }],
      ['Budi', { value: 'stand_aside' }],
    ]
    const receipts: Record<string, string> = {}
    for (const [name, body] of chosen) {
      const taken = await take(session.id, name, { ...body, proposalId })
      expect(taken.receipt).toMatch(/^[\w-]{20,}$/)
      receipts[name] = taken.receipt ?? ''
      // Nobody's answer shows a position: the proposal hides its counts until revealed.
      expect(taken.state.proposal?.positions).toEqual([])
      expect(taken.state.proposal?.anonymousView?.tally).toBeNull()
    }
    // The one-per-person check: a second position without the receipt, or with another's, is refused.
    for (const body of [
      { value: 'object', reason: 'again' },
      { value: 'object', reason: 'again', receipt: receipts.Dewi },
    ]) {
      const refused = await commands.refused(
        session.id,
        person('Ayu').token,
        { type: 'position.take', ...body },
        409,
      )
      expect(refused.details).toEqual({ rule: 'already_responded' })
    }
    // Eko changes his mind with his receipt: still six responses.
    const changed = await take(session.id, 'Eko', {
      value: 'object',
      reason: lane,
      receipt: receipts.Eko,
    })
    expect(changed.receipt).toBe(receipts.Eko)
    expect(changed.state.proposal?.anonymousView).toEqual({
      respondedPresent: 6,
      responded: 6,
      tally: null,
    })

    // Only the facilitator reveals; then everyone sees the counts, not who.
    const notRunner = await commands.refused(
      session.id,
      person('Ayu').token,
      { type: 'proposal.reveal', proposalId },
      403,
    )
    expect(notRunner.code).toBe('forbidden')
    await commands.run(session.id, site.token, { type: 'proposal.reveal', proposalId })
    const seen = await readable(session.id, session.room, person('Budi').token)
    for (const state of [seen.state, seen.roomState]) {
      expect(state.proposal?.positions).toEqual([])
      expect(state.proposal?.anonymousView).toEqual({
        respondedPresent: 6,
        responded: 6,
        tally: {
          totals: { agree: 3, agree_with_concerns: 0, stand_aside: 1, object: 1, block: 1 },
          // Government (2) and business (1) are fewer than 3 each: counted in the totals only.
          byGroup: [
            {
              group: 'community',
              people: 3,
              counts: { agree: 2, agree_with_concerns: 0, stand_aside: 0, object: 1, block: 0 },
            },
          ],
          withheld: 3,
          reasons: [
            { value: 'block', reason: buses },
            { value: 'object', reason: lane },
          ],
        },
      })
    }
    expect(seen.events.filter((event) => event.command.type === 'position.take')).toEqual([])

    // Consent: the block and the objection still stand in the way, confirmed by their counts.
    const refused = await commands.refused(
      session.id,
      site.token,
      { type: 'proposal.close', outcome: 'adopted', proposalId },
      409,
    )
    expect(refused.details).toEqual({ rule: 'unresolved_block', blocks: 1, objections: 1 })
    const objection = await commands.refused(
      session.id,
      site.token,
      { type: 'proposal.close', outcome: 'adopted', overBlocks: 1, proposalId },
      409,
    )
    expect(objection.details).toMatchObject({ rule: 'unresolved_objection' })
    await commands.run(session.id, site.token, {
      type: 'proposal.close',
      outcome: 'adopted',
      overBlocks: 1,
      overObjections: 1,
      proposalId,
    })
    const { decisions } = await api<{ decisions: DecisionRecord[] }>(
      server,
      'GET',
      `/api/workspaces/${site.workspaceId}/decisions`,
      { token: person('Ayu').token },
    )
    const decision = decisions.at(-1)
    expect(decision?.positionsByGroup).toEqual({
      community: { agree: 2, agree_with_concerns: 0, stand_aside: 0, object: 1, block: 0 },
    })
    expect(decision?.dissent).toBeUndefined()
    expect(decision?.adoptedOver).toEqual({ blocks: 1, objections: 1 })
    expect(decision?.suggestion).toMatchObject({
      outcome: 'rejected',
      basis: 'blocked',
      tally: { for: 3, against: 2, standAside: 1, blocks: 1, present: 6, responded: 6 },
    })

    // What anyone can read afterwards, the facilitator included, and what the operator stores.
    const after = await readable(session.id, session.room, site.token)
    expect(after.minutes.proposals.at(-1)?.positions).toEqual([])
    const audit = await site.audit()
    const exported = await api<unknown>(
      server,
      'GET',
      `/api/workspaces/${site.workspaceId}/export`,
      { token: site.token },
    )
    const records = await api<unknown>(
      server,
      'GET',
      `/api/workspaces/${site.workspaceId}/records`,
      { token: site.token },
    )
    // A reason may be read; never beside the name or id of the person who gave it.
    const paired = (text: string) =>
      [lane, buses].some((reason) => {
        const at = text.indexOf(reason)
        if (at < 0) return false
        const near = text.slice(Math.max(0, at - 400), at + reason.length + 400)
        return ['Gita', 'Eko', person('Gita').participant.id, person('Eko').participant.id].some(
          (who) => near.includes(who),
        )
      })
    for (const readout of [after, audit, exported, records, decisions]) {
      expect(paired(JSON.stringify(readout))).toBe(false)
    }
    expect(paired(after.markdown)).toBe(false)
    const stored = await readStore<Record<string, unknown>>(
      server,
      'SELECT * FROM anonymous_position WHERE proposal_id = ?',
      proposalId,
    )
    expect(stored).toHaveLength(6)
    expect(Object.keys(stored[0] ?? {}).sort()).toEqual([
      'grp',
      'proposal_id',
      'reason',
      'receipt',
      'value',
    ])
    const linked = (text: string) => ids().filter((id) => text.includes(id))
    expect(linked(JSON.stringify(stored))).toEqual([])
    expect(
      JSON.stringify(await readStore(server, 'SELECT event FROM session_event')),
    ).not.toContain('position.take')
    // Closed: the one-per-person check and its key are gone.
    expect(await ballotsLeft(proposalId)).toBe(0)
    expect(
      await readStore(
        server,
        'SELECT ballot_key FROM anonymous_proposal WHERE proposal_id = ?',
        proposalId,
      ),
    ).toEqual([{ ballot_key: null }])
  })

  it('while open, the stored one-per-person check names nobody and positions carry no id', async () => {
    const { session, proposalId } = await opened('Open rows', 'majority')
    for (const name of ['Ayu', 'Gita', 'Budi']) {
      await take(session.id, name, { value: 'agree' })
    }
    const ballots = await readStore<{ voter: string }>(
      server,
      'SELECT voter FROM proposal_ballot WHERE proposal_id = ?',
      proposalId,
    )
    expect(ballots).toHaveLength(3)
    const linked = (text: string) => ids().filter((id) => text.includes(id))
    expect(linked(JSON.stringify(ballots))).toEqual([])
    // Withdrawn: the check goes too.
    await commands.run(session.id, site.token, { type: 'proposal.withdraw', proposalId })
    expect(await ballotsLeft(proposalId)).toBe(0)
  })

  it('once withdrawn, neither the key nor a ballot is left in the SQLite file or its WAL', async (context) => {
    if (server.databaseUrl) context.skip()
    const { session, proposalId } = await opened('On disk', 'majority')
    for (const name of ['Ayu', 'Gita', 'Budi']) await take(session.id, name, { value: 'agree' })
    const [row] = await readStore<{ ballot_key: Uint8Array }>(
      server,
      'SELECT ballot_key FROM anonymous_proposal WHERE proposal_id = ?',
      proposalId,
    )
    const key = Buffer.from(row?.ballot_key ?? [])
    const voters = (
      await readStore<{ voter: string }>(
        server,
        'SELECT voter FROM proposal_ballot WHERE proposal_id = ?',
        proposalId,
      )
    ).map(({ voter }) => Buffer.from(voter))
    expect(key).toHaveLength(32)
    expect(voters).toHaveLength(3)
    const onDisk = () =>
      ['mufakat.db', 'mufakat.db-wal']
        .map((file) => join(server.dataDir, file))
        .filter((path) => existsSync(path))
        .map((path) => readFileSync(path))
    expect(onDisk().some((bytes) => bytes.includes(key))).toBe(true)
    await commands.run(session.id, site.token, { type: 'proposal.withdraw', proposalId })
    await waitFor(
      () => onDisk().every((bytes) => ![key, ...voters].some((secret) => bytes.includes(secret))),
      'the key and the ballots to leave the disk',
    )
  })

  it('anonymous_proposal, reason_required, not_hidden: nobody records for another, the neutral team stays out, a dissent needs its reason', async () => {
    const { session, proposalId } = await opened('Refusals')
    const onBehalf = await commands.refused(
      session.id,
      site.token,
      {
        type: 'position.take',
        value: 'agree',
        onBehalf: { participantId: person('Ayu').participant.id, channel: 'paper' },
      },
      409,
    )
    expect(onBehalf.details).toEqual({ rule: 'anonymous_proposal' })
    await commands.run(session.id, site.token, { type: 'attendance.join' })
    await commands.run(session.id, site.token, {
      type: 'neutral.set',
      participantId: site.created.participant.id,
      neutral: true,
    })
    const neutral = await commands.refused(
      session.id,
      site.token,
      { type: 'position.take', value: 'agree' },
      409,
    )
    expect(neutral.details).toEqual({ rule: 'anonymous_proposal' })
    const noReason = await commands.refused(
      session.id,
      person('Ayu').token,
      { type: 'position.take', value: 'block' },
      409,
    )
    expect(noReason.details).toEqual({ rule: 'reason_required' })
    // Nothing was stored for any of them.
    expect(
      await countStored(
        server,
        'SELECT count(*) AS n FROM anonymous_position WHERE proposal_id = ?',
        proposalId,
      ),
    ).toBe(0)
    await commands.run(session.id, site.token, { type: 'proposal.reveal', proposalId })
    const again = await commands.refused(
      session.id,
      site.token,
      { type: 'proposal.reveal', proposalId },
      409,
    )
    expect(again.details).toEqual({ rule: 'not_hidden' })
  })
  it('already_responded: a first position sent again with its own receipt (its answer lost as a slow phone reloaded) counts once; a short receipt is refused', async () => {
    const { session, proposalId } = await opened('Lost answer')
    const receipt = randomBytes(24).toString('base64url')
    const first = await take(session.id, 'Ayu', { value: 'agree', proposalId, receipt })
    expect(first.receipt).toBe(receipt)
    // The answer never reached the phone: it sends the same again, then changes its mind.
    const again = await take(session.id, 'Ayu', { value: 'agree', proposalId, receipt })
    expect(again.state.proposal?.anonymousView?.responded).toBe(1)
    await take(session.id, 'Ayu', { value: 'stand_aside', proposalId, receipt })
    // Another receipt of her own is a second position: refused, as is a receipt easy to guess.
    const second = await commands.refused(
      session.id,
      person('Ayu').token,
      { type: 'position.take', value: 'agree', receipt: randomBytes(24).toString('base64url') },
      409,
    )
    expect(second.details).toEqual({ rule: 'already_responded' })
    const short = await commands.refused(
      session.id,
      person('Dewi').token,
      { type: 'position.take', value: 'agree', receipt: 'abc' },
      400,
    )
    expect(short.code).toBe('bad_request')
    await commands.run(session.id, site.token, { type: 'proposal.reveal', proposalId })
    const { state } = await api<{ state: SessionState }>(
      server,
      'GET',
      `/api/sessions/${session.id}`,
      { token: site.token },
    )
    expect(state.proposal?.anonymousView?.responded).toBe(1)
    expect(state.proposal?.anonymousView?.tally?.totals).toMatchObject({ agree: 0, stand_aside: 1 })
  })

  it('reveal_first: while hidden, adopting is refused without counts, so trying it after each response says nothing of what anyone chose', async () => {
    const { session, proposalId } = await opened('Probing')
    const probe = async () =>
      await commands.refused(
        session.id,
        site.token,
        { type: 'proposal.close', outcome: 'adopted', proposalId },
        409,
      )
    // The facilitator tries to adopt after each response: the refusal is the same whatever came.
    expect((await probe()).details).toEqual({ rule: 'reveal_first' })
    await take(session.id, 'Ayu', { value: 'agree', proposalId })
    expect((await probe()).details).toEqual({ rule: 'reveal_first' })
    await take(session.id, 'Gita', { value: 'block', reason: buses, proposalId })
    expect((await probe()).details).toEqual({ rule: 'reveal_first' })
    // Nothing closed; once revealed, the counts are everyone's and adopting over them works.
    await commands.run(session.id, site.token, { type: 'proposal.reveal', proposalId })
    const refused = await probe()
    expect(refused.details).toEqual({ rule: 'unresolved_block', blocks: 1, objections: 0 })
    const { state } = await commands.run(session.id, site.token, {
      type: 'proposal.close',
      outcome: 'adopted',
      overBlocks: 1,
      proposalId,
    })
    expect(state.proposal).toBeNull()
  })

  it('a proposal hiding its results (not anonymous) is revealed before its close: its positions then show, with names', async () => {
    const { session } = await commands.open('Hidden, then shown')
    const { state } = await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Plant shade trees',
      text: 'Along Jalan Braga.',
      hideResults: true,
    })
    const proposalId = state.proposal?.id ?? ''
    await commands.run(session.id, person('Ayu').token, { type: 'attendance.join' })
    const taken = await take(session.id, 'Ayu', { value: 'agree' })
    expect(taken.receipt).toBeUndefined()
    expect(taken.state.proposal?.positions).toEqual([])
    const notRunner = await commands.refused(
      session.id,
      person('Ayu').token,
      { type: 'proposal.reveal', proposalId },
      403,
    )
    expect(notRunner.code).toBe('forbidden')
    const revealed = await commands.run(session.id, site.token, {
      type: 'proposal.reveal',
      proposalId,
    })
    expect(revealed.state.proposal?.positions).toMatchObject([{ name: 'Ayu', value: 'agree' }])
  })
})
