import { beforeAll, describe, expect, it } from 'vitest'
import type { DecisionRecord, SessionEvent, SessionState } from '../../shared/src/schema/session.js'
import { readRoom } from '../helpers/clients.js'
import type { TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, type Site } from '../helpers/site.js'
import { siteForSuite } from '../helpers/suite.js'

type Person = { token: string; participant: { id: string } }
const reason = 'The market loses its only delivery lane.'

// Results hidden until close (issue 17, item 2): no reader gets a position before the close.
describe('results hidden until close', () => {
  const suite = siteForSuite()
  let server: TestServer
  let site: Site
  let ayu: Person
  let budi: Person
  let commands: ReturnType<typeof sessionCommands>
  beforeAll(async () => {
    ;({ server, site } = suite)
    ayu = await site.join('stakeholder', 'Ayu', 'community')
    budi = await site.join('stakeholder', 'Budi', 'business')
    commands = sessionCommands(server, site)
  })

  /** A workshop with a proposal open, Ayu agreeing and Budi blocking with his reason. */
  const decided = async (hideResults: boolean) => {
    const { session } = await commands.open(hideResults ? 'Hidden' : 'Shown')
    for (const person of [ayu, budi]) {
      await commands.run(session.id, person.token, { type: 'attendance.join' })
    }
    await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Close Jalan Braga',
      text: 'On Sundays.',
      hideResults,
    })
    await commands.run(session.id, ayu.token, { type: 'position.take', value: 'agree' })
    const answer = await commands.run(session.id, budi.token, {
      type: 'position.take',
      value: 'block',
      reason,
    })
    return { session, answer }
  }
  /** Everything a member can read of the session while the proposal is open. */
  const readable = async (sessionId: string, room: string, token: string) => {
    const { state } = await api<{ state: SessionState }>(
      server,
      'GET',
      `/api/sessions/${sessionId}`,
      {
        token,
      },
    )
    const { events } = await api<{ events: SessionEvent[] }>(
      server,
      'GET',
      `/api/sessions/${sessionId}/events`,
      { token },
    )
    const minutes = await (
      await fetch(`${server.httpUrl}/api/sessions/${sessionId}/minutes`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).text()
    const exported = await api<unknown>(
      server,
      'GET',
      `/api/workspaces/${site.workspaceId}/export`,
      {
        token: site.token,
      },
    )
    const roomState = (await readRoom(server, room, { maps: ['session'] }, token)).session as {
      state: SessionState
    }
    return { state, events, minutes, exported, roomState: roomState.state }
  }

  it('a proposal hiding its results shows who responded, never how, to anyone — room, state, events, minutes, export — until it closes', async () => {
    const { session, answer } = await decided(true)
    // Budi's own command answers no positions either.
    expect(answer.state.proposal).toMatchObject({ hidden: true, positions: [] })
    for (const token of [ayu.token, site.token]) {
      const seen = await readable(session.id, session.room, token)
      for (const state of [seen.state, seen.roomState]) {
        expect(state.proposal?.positions).toEqual([])
        expect([...(state.proposal?.respondedIds ?? [])].sort()).toEqual(
          [ayu.participant.id, budi.participant.id].sort(),
        )
      }
      expect(seen.events.filter((event) => event.command.type === 'position.take')).toEqual([])
      const everything = JSON.stringify(seen)
      expect(everything).not.toContain(reason)
      expect(everything).not.toContain('"block"')
    }
    // The close decides on every position: adopting over the hidden block still asks, with counts.
    const refused = await commands.refused(
      session.id,
      site.token,
      { type: 'proposal.close', outcome: 'adopted' },
      409,
    )
    expect(refused.details).toEqual({ rule: 'unresolved_block', blocks: 1, objections: 0 })
    await commands.run(session.id, site.token, {
      type: 'proposal.close',
      outcome: 'adopted',
      overBlocks: 1,
    })
    const after = await readable(session.id, session.room, ayu.token)
    expect(after.events.filter((event) => event.command.type === 'position.take')).toHaveLength(2)
    expect(after.minutes).toContain(reason)
    const { decisions } = await api<{ decisions: DecisionRecord[] }>(
      server,
      'GET',
      `/api/workspaces/${site.workspaceId}/decisions`,
      { token: ayu.token },
    )
    expect(decisions.at(-1)?.dissent?.[0]).toMatchObject({ value: 'block', reason })
  })

  it('a proposal not hiding its results shows each position live, as before', async () => {
    const { session, answer } = await decided(false)
    expect(answer.state.proposal?.hidden).toBe(false)
    expect(answer.state.proposal?.positions.map((position) => position.value)).toEqual([
      'agree',
      'block',
    ])
    const seen = await readable(session.id, session.room, ayu.token)
    expect(seen.roomState.proposal?.positions).toHaveLength(2)
    expect(seen.events.filter((event) => event.command.type === 'position.take')).toHaveLength(2)
  })
})
