import * as Y from 'yjs'
import type { PlanDocument } from '../../shared/src/schema/document.js'
import type { Session } from '../../shared/src/schema/session.js'
import { connectClient, destroyClients, waitForSynced } from './clients.js'
import { paragraph, saved, text, write } from './plan-text.js'
import type { TestServer } from './server.js'
import { sessionCommands } from './session-commands.js'
import type { Site } from './site.js'

/** The clause `decideClause` puts to consent, as the decision names it. */
export const decidedClause = 'Trams reach the north by 2030.'

/**
 * A plan of one clause, written by a stakeholder, and a proposal anchored to that clause
 * (without its "§1 " number) opened and adopted by the site's facilitator.
 */
export const decideClause = async (
  server: TestServer,
  site: Site,
): Promise<{ plan: PlanDocument; session: Session }> => {
  const ayu = await site.join('stakeholder', 'Ayu', 'community')
  const plan = await site.document('Clause plan')
  const writer = connectClient(server, plan.room, { params: { token: ayu.token } })
  const reader = connectClient(server, plan.room, { params: { token: site.token } })
  await Promise.all([waitForSynced(writer), waitForSynced(reader)])
  write(writer, [paragraph(text(`§1 ${decidedClause}`))])
  await saved(writer, reader)
  const block = writer.doc.getXmlFragment('default').get(0) as Y.XmlElement
  const run = block.get(0) as Y.XmlText
  const at = (index: number) =>
    Buffer.from(
      Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(run, index)),
    ).toString('base64')
  const commands = sessionCommands(server, site)
  const { session } = await commands.open('Clause by clause')
  await commands.run(session.id, site.token, {
    type: 'proposal.open',
    title: 'Trams to the north',
    text: 'Consent to §1.',
    documentId: plan.id,
    passage: { start: at(3), end: at(3 + decidedClause.length) },
  })
  await commands.run(session.id, site.token, { type: 'proposal.close', outcome: 'adopted' })
  destroyClients()
  return { plan, session }
}
