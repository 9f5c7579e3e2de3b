import { beforeAll } from 'vitest'
import type * as Y from 'yjs'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import type { PlanDocument } from '../../shared/src/schema/document.js'
import type { StakeholderGroup } from '../../shared/src/schema/people.js'
import { type Client, connectClient, waitForSynced } from './clients.js'
import type { TestServer } from './server.js'
import { api, type Site } from './site.js'
import { siteForSuite } from './suite.js'
import { waitFor } from './wait.js'

export type Member = { participant: { id: string }; token: string }

/** A workshop where commenters may suggest: a writer (Ayu) and two commenters (Citra, Dedi). */
export interface SuggestingWorkshop {
  server: TestServer
  site: Site
  /** Stakeholder, business. */
  ayu: Member
  /** Commenter, citizen. */
  citra: Member
  /** Commenter, academia. */
  dedi: Member
}

/** The workshop of a describe block (its fields are set in `beforeAll`). */
export const suggestingWorkshop = (): SuggestingWorkshop => {
  const workshop = siteForSuite() as SuggestingWorkshop
  beforeAll(async () => {
    workshop.ayu = await workshop.site.join('stakeholder', 'Ayu', 'business')
    workshop.citra = await workshop.site.join('commenter', 'Citra', 'citizen')
    workshop.dedi = await workshop.site.join('commenter', 'Dedi', 'academia')
  })
  return workshop
}

/** A suggestion mark's attributes: suggestion `id` by `who`, named `name` of `group`. */
export const suggestionBy = (id: string, who: Member, name: string, group: StakeholderGroup) => ({
  id,
  authorId: who.participant.id,
  authorName: name,
  group,
})

/** The facilitator lets the plan's commenters suggest, or stops them. */
export const letCommentersSuggest = async (
  workshop: SuggestingWorkshop,
  plan: PlanDocument,
  on: boolean,
) =>
  await api<{ document: PlanDocument }>(
    workshop.server,
    'PATCH',
    `/api/workspaces/${workshop.site.workspaceId}/documents/${plan.id}`,
    { token: workshop.site.token, body: { commentersMaySuggest: on } },
  )

/** A synced client on the plan, as `who` (the facilitator when undefined). */
export const openPlan = async (
  workshop: SuggestingWorkshop,
  plan: PlanDocument,
  who: Member | undefined,
): Promise<Client> => {
  const client = connectClient(workshop.server, plan.room, {
    params: { token: who?.token ?? workshop.site.token },
  })
  await waitForSynced(client)
  return client
}

/** The first paragraph's text, as a client holds it. */
export const firstLine = (client: Client): Y.XmlText =>
  (client.doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText

export const refusedWith4422 = async (client: Client, what: string) =>
  await waitFor(
    () => client.closes.some((close) => close.code === CloseCode.updateRefused),
    `${what} to be refused with 4422`,
  )
