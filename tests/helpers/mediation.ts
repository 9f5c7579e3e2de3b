import { afterAll, beforeAll } from 'vitest'
import type { Agreement, DraftAgreementBody, Party } from '../../shared/src/schema/mediation.js'
import type { Participant } from '../../shared/src/schema/people.js'
import type { Session } from '../../shared/src/schema/session.js'
import { removeDataDirs, startServer, type TestServer } from './server.js'
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

/** A calendar date `days` from today (UTC), as terms take it: tests stay true whenever they run. */
export const inDays = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/** The operator's and the residents' terms: one due next year, one already past. */
export const agreementBody = (
  scene: MediationScene,
  overrides: Partial<DraftAgreementBody> = {},
): DraftAgreementBody => ({
  title: 'Bus depot: operating terms',
  preamble: 'The parties agree on how the depot on Jalan Merdeka will operate.',
  terms: [
    {
      text: 'Electric buses charge only between 22:00 and 05:00, below 45 dB at the fence.',
      ownerId: scene.budi.participant.id,
      dueDate: inDays(365),
    },
    {
      text: 'The association names two residents to the monitoring committee.',
      ownerId: scene.rina.participant.id,
      dueDate: inDays(-30),
    },
  ],
  ...overrides,
})

export const draftAgreement = async (
  server: TestServer,
  scene: MediationScene,
  overrides: Partial<DraftAgreementBody> = {},
): Promise<Agreement> =>
  (
    await api<{ agreement: Agreement }>(
      server,
      'POST',
      `/api/sessions/${scene.session.id}/agreements`,
      { token: scene.mediator.token, body: agreementBody(scene, overrides) },
    )
  ).agreement

/** Signs as `person` with the hash of the text `agreement` showed (or `textHash`). */
export const signAgreement = (
  server: TestServer,
  agreement: Agreement,
  person: Person,
  expect = 200,
  textHash = agreement.textHash,
) =>
  api<{ agreement: Agreement; error: { code: string; details?: { rule?: string } } }>(
    server,
    'POST',
    `/api/agreements/${agreement.id}/signatures`,
    { token: person.token, body: { textHash }, expect },
  )

/** Both parties sign: the agreement is signed and chained. */
export const signedByBoth = async (
  server: TestServer,
  scene: MediationScene,
  agreement: Agreement,
): Promise<Agreement> => {
  await signAgreement(server, agreement, scene.budi)
  return (await signAgreement(server, agreement, scene.rina)).agreement
}

/** A server holding the bus-depot mediation, started before a file's tests and stopped after. */
export const mediationServer = (): { server: TestServer; scene: MediationScene } => {
  const context = {} as { server: TestServer; scene: MediationScene }
  beforeAll(async () => {
    context.server = await startServer()
    context.scene = await openMediation(context.server)
  })
  afterAll(async () => {
    await context.server.stop()
    await removeDataDirs()
  })
  return context
}
