import { beforeAll } from 'vitest'
import type { StakeholderGroup } from '../../shared/src/schema/people.js'
import type { SessionEvent, SessionState } from '../../shared/src/schema/session.js'
import { readRoom } from './clients.js'
import type { TestServer } from './server.js'
import { sessionCommands } from './session-commands.js'
import { api, type Site } from './site.js'
import { countStored } from './store.js'
import { siteForSuite } from './suite.js'

export type Person = { token: string; participant: { id: string } }

/** The reasons the tests give for a block. */
export const lane = 'The market loses its only delivery lane.'
export const buses = 'Buses would have no stop left on Braga.'

export interface PositionsWorkshop {
  server: TestServer
  site: Site
  commands: ReturnType<typeof sessionCommands>
}

/**
 * A workspace for a describe block of anonymous-position tests: Ayu, Dewi and Eko (community),
 * Gita and Hadi (government) and Budi (business), stakeholders all; fields set in `beforeAll`.
 */
export const positionsWorkshop = () => {
  const suite = siteForSuite()
  const workshop = {} as PositionsWorkshop
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
    workshop.server = suite.server
    workshop.site = suite.site
    for (const [name, group] of groups) {
      people[name] = await suite.site.join('stakeholder', name, group)
    }
    workshop.commands = sessionCommands(suite.server, suite.site)
  })
  const ids = () => groups.map(([name]) => person(name).participant.id)
  const ballotsLeft = (proposalId: string) =>
    countStored(
      workshop.server,
      'SELECT count(*) AS n FROM proposal_ballot WHERE proposal_id = ?',
      proposalId,
    )

  /** A workshop everyone attends, with an anonymous proposal open. */
  const opened = async (title: string, rule?: 'consent' | 'majority') => {
    const { session } = await workshop.commands.open(title)
    for (const [name] of groups) {
      await workshop.commands.run(session.id, person(name).token, { type: 'attendance.join' })
    }
    const { state } = await workshop.commands.run(session.id, workshop.site.token, {
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
      workshop.server,
      'POST',
      `/api/sessions/${sessionId}/commands`,
      { token: person(name).token, body: { type: 'position.take', ...body }, expect: 200 },
    )
  /** Everything a member reads of the session: state, room, events, minutes (both forms). */
  const readable = async (sessionId: string, room: string, token: string) => {
    const get = <T>(path: string) => api<T>(workshop.server, 'GET', path, { token })
    const { state } = await get<{ state: SessionState }>(`/api/sessions/${sessionId}`)
    const { events } = await get<{ events: SessionEvent[] }>(`/api/sessions/${sessionId}/events`)
    const minutes = await get<{ proposals: { positions: unknown[] }[] }>(
      `/api/sessions/${sessionId}/minutes?format=json`,
    )
    const markdown = await (
      await fetch(`${workshop.server.httpUrl}/api/sessions/${sessionId}/minutes`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).text()
    const roomState = (
      (await readRoom(workshop.server, room, { maps: ['session'] }, token)).session as {
        state: SessionState
      }
    ).state
    return { state, roomState, events, minutes, markdown }
  }
  return { workshop, person, ids, ballotsLeft, opened, take, readable }
}
