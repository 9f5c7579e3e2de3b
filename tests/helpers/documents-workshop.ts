import { afterAll, afterEach, beforeAll } from 'vitest'
import type * as Y from 'yjs'
import { AuditEntry } from '../../shared/src/schema/audit.js'
import { PlanDocument } from '../../shared/src/schema/document.js'
import { call, ok } from './api-cases.js'
import { connectClient, destroyClients, waitForSynced } from './clients.js'
import { removeDataDirs, startServer, type TestServer } from './server.js'
import { Site } from './site.js'

export interface Member {
  token: string
  participant: { id: string }
}

/**
 * A server with two workspaces (`site`, and `other` beside it) and a member of `site` in each
 * role but facilitator, for the document API's tests; fields set in `beforeAll`.
 */
export interface DocumentsWorkshop {
  server: TestServer
  site: Site
  other: Site
  stakeholder: Member
  mediator: Member
  commenter: Member
  observer: Member
}

export const documentsWorkshop = () => {
  const workshop = {} as DocumentsWorkshop
  beforeAll(async () => {
    const server = await startServer()
    const [site, other] = await Promise.all([
      Site.open(server, 'Bandung Smart Mobility 2030'),
      Site.open(server, 'Surabaya Flood Resilience'),
    ])
    Object.assign(workshop, {
      server,
      site,
      other,
      stakeholder: await site.join('stakeholder', 'Sari', 'business'),
      mediator: await site.join('mediator', 'Mira', 'academia'),
      commenter: await site.join('commenter', 'Citra', 'citizen'),
      observer: await site.join('observer', 'Oki', 'media'),
    })
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await workshop.server?.stop()
    await removeDataDirs()
  })

  const documentsPath = (of: Site = workshop.site): string =>
    `/api/workspaces/${of.workspaceId}/documents`
  const create = async (
    token: string,
    body: unknown,
    of: Site = workshop.site,
  ): Promise<PlanDocument> =>
    PlanDocument.strict().parse(
      ok<{ document: unknown }>(
        await call(workshop.server, 'POST', documentsPath(of), { token, body }),
        201,
      ).document,
    )
  const list = async (token = workshop.site.token): Promise<PlanDocument[]> =>
    ok<{ documents: unknown[] }>(
      await call(workshop.server, 'GET', documentsPath(), { token }),
    ).documents.map((entry) => PlanDocument.parse(entry))
  const audit = async (): Promise<AuditEntry[]> =>
    ok<{ entries: unknown[] }>(
      await call(workshop.server, 'GET', `/api/workspaces/${workshop.site.workspaceId}/audit`, {
        token: workshop.site.token,
      }),
    ).entries.map((entry) => AuditEntry.parse(entry))
  /** The text room's fragment as a fresh official client sees it. */
  const readFragment = async (room: string, token: string): Promise<Y.XmlFragment> => {
    const client = connectClient(workshop.server, room, { params: { token } })
    await waitForSynced(client)
    return client.doc.getXmlFragment('default')
  }
  return { workshop, documentsPath, create, list, audit, readFragment }
}
