import { beforeAll, expect } from 'vitest'
import type { StakeholderGroup } from '../../shared/src/schema/people.js'
import { sessionRoomName } from '../../shared/src/ydoc/session-room.js'
import { readRoom } from './clients.js'
import { pollCommands } from './polls.js'
import type { TestServer } from './server.js'
import { sessionCommands } from './session-commands.js'
import type { Site } from './site.js'
import { siteForSuite } from './suite.js'

export type Person = { token: string; participant: { id: string } }

export interface PollWorkshop {
  server: TestServer
  site: Site
  polls: ReturnType<typeof pollCommands>
  sessions: ReturnType<typeof sessionCommands>
}

/**
 * A workspace for a describe block of poll tests: Ayu, Dewi and Eko (community), Gita and Hadi
 * (government), Budi (business) and Oki (citizen, observer); its fields are set in `beforeAll`.
 */
export const pollWorkshop = () => {
  const suite = siteForSuite()
  const workshop = {} as PollWorkshop
  const people: Record<string, Person> = {}
  const join = async (
    name: string,
    group: StakeholderGroup,
    role: 'stakeholder' | 'observer' = 'stakeholder',
  ) => {
    people[name] = await workshop.site.join(role, name, group)
  }
  beforeAll(async () => {
    workshop.server = suite.server
    workshop.site = suite.site
    workshop.polls = pollCommands(suite.server)
    workshop.sessions = sessionCommands(suite.server, suite.site)
    for (const name of ['Ayu', 'Dewi', 'Eko']) await join(name, 'community')
    for (const name of ['Gita', 'Hadi']) await join(name, 'government')
    await join('Budi', 'business')
    await join('Oki', 'citizen', 'observer')
  })
  return {
    workshop,
    person: (name: string): Person => {
      const found = people[name]
      if (!found) throw new Error(`no ${name}`)
      return found
    },
    session: async (title: string) => (await workshop.sessions.open(title)).session,
    /** The polls map of the session room, as any participant's device receives it. */
    roomPolls: async (sessionId: string, token: string) =>
      (await readRoom(workshop.server, sessionRoomName(sessionId), { maps: ['polls'] }, token))
        .polls as Record<string, unknown>,
    rule: (id: string) => expect.objectContaining({ rule: id }),
  }
}
