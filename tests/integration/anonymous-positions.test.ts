import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DecisionRecord } from '../../shared/src/schema/session.js'
import {
  buses,
  lane,
  type PositionsWorkshop,
  positionsWorkshop,
} from '../helpers/anonymous-positions.js'
import type { TestServer } from '../helpers/server.js'
import { api, type Site } from '../helpers/site.js'
import { readStore } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

// Anonymous positions on a proposal (issue 17, item 3): counts for everyone, who for nobody.
describe('anonymous positions on a proposal', () => {
  const { workshop, person, ids, ballotsLeft, opened, take, readable } = positionsWorkshop()
  let server: TestServer
  let site: Site
  let commands: PositionsWorkshop['commands']
  beforeAll(() => {
    ;({ server, site, commands } = workshop)
  })

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
})
