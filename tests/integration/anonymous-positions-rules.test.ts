import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SessionState } from '../../shared/src/schema/session.js'
import { buses, type PositionsWorkshop, positionsWorkshop } from '../helpers/anonymous-positions.js'
import type { TestServer } from '../helpers/server.js'
import { api, type Site } from '../helpers/site.js'
import { countStored } from '../helpers/store.js'

// The rules of anonymous positions: who may take one, for whom, with what, and when they show.
describe('anonymous positions: the rules', () => {
  const { workshop, person, opened, take } = positionsWorkshop()
  let server: TestServer
  let site: Site
  let commands: PositionsWorkshop['commands']
  beforeAll(() => {
    ;({ server, site, commands } = workshop)
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
