import type { Party } from '../../shared/src/schema/mediation.js'
import type { Participant } from '../../shared/src/schema/people.js'
import type { Session } from '../../shared/src/schema/session.js'
import type { TestServer } from './server.js'
import { api, Site } from './site.js'

export interface Person {
  participant: Participant
  token: string
}

/**
 * A bus-depot mediation: the mediator, two parties (the transport operator with two
 * representatives, the residents' association with one) and everyone else who must stay out of
 * their caucuses: the facilitator, a second mediator, a stakeholder, a commenter, an observer.
 */
export interface MediationScene {
  site: Site
  session: Session
  mediator: Person
  budi: Person
  sari: Person
  rina: Person
  transport: Party
  residents: Party
  facilitator: Person
  outsiders: Record<
    'facilitator' | 'otherMediator' | 'stakeholder' | 'commenter' | 'observer',
    Person
  >
}

export const openMediation = async (server: TestServer): Promise<MediationScene> => {
  const site = await Site.open(server, 'Bus depot mediation')
  const facilitator = { participant: site.created.participant, token: site.token }
  const mediator = await site.join('mediator', 'Maya Mediator', 'academia')
  const budi = await site.join('stakeholder', 'Budi Santoso', 'business')
  const sari = await site.join('stakeholder', 'Sari Wijaya', 'business')
  const rina = await site.join('stakeholder', 'Rina Kusuma', 'community')
  const outsiders = {
    facilitator,
    otherMediator: await site.join('mediator', 'Omar Other', 'academia'),
    stakeholder: await site.join('stakeholder', 'Sinta Stake', 'citizen'),
    commenter: await site.join('commenter', 'Citra Comment', 'media'),
    observer: await site.join('observer', 'Oki Observer', 'media'),
  }
  const { session } = await api<{ session: Session }>(
    server,
    'POST',
    `/api/workspaces/${site.workspaceId}/sessions`,
    { token: mediator.token, body: { title: 'Bus depot on Jalan Merdeka', kind: 'mediation' } },
  )
  const party = async (name: string, members: Person[]) =>
    (
      await api<{ party: Party }>(server, 'POST', `/api/sessions/${session.id}/parties`, {
        token: mediator.token,
        body: { name, participantIds: members.map((member) => member.participant.id) },
      })
    ).party
  const transport = await party('Kota Transit (operator)', [budi, sari])
  const residents = await party("Merdeka residents' association", [rina])
  return {
    site,
    session,
    mediator,
    budi,
    sari,
    rina,
    transport,
    residents,
    facilitator,
    outsiders,
  }
}
