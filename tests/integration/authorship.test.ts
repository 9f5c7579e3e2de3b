import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { PlanAuthorship } from '../../shared/src/schema/authorship.js'
import type { Version } from '../../shared/src/schema/version.js'
import { call, expectError, ok } from '../helpers/api-cases.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { blocksOf, paragraph, saved, text, write } from '../helpers/plan-text.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { writeStore } from '../helpers/store.js'

/** Each clause's runs as `group:text`, for reading who wrote what at a glance. */
const passages = (authorship: PlanAuthorship): string[][] =>
  authorship.clauses.map((clause) => {
    let at = 0
    return clause.runs.map((run) => {
      const part = clause.text.slice(at, at + run.length)
      at += run.length
      const author = authorship.authors[run.author]
      return `${author ? `${author.displayName}/${author.group}` : '?'}:${part}`
    })
  })

describe('who wrote what, by stakeholder group', () => {
  let server: TestServer
  let site: Site
  let ayu: { participant: { id: string }; token: string }
  let budi: { participant: { id: string }; token: string }
  let documentId: string
  let room: string

  const authorship = async (version = 'live', token = site.token) =>
    ok<PlanAuthorship>(
      await call(server, 'GET', `/api/documents/${documentId}/authorship?version=${version}`, {
        token,
      }),
    )

  beforeAll(async () => {
    server = await startServer()
    site = await Site.open(server)
    ayu = await site.join('stakeholder', 'Ayu', 'community')
    budi = await site.join('stakeholder', 'Budi', 'business')
    const document = await site.document('Harbour plan')
    documentId = document.id
    room = document.room
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('names each passage with its writer and the group they had when writing, clause by clause', async () => {
    const ayuEditor = connectClient(server, room, { params: { token: ayu.token } })
    const budiEditor = connectClient(server, room, { params: { token: budi.token } })
    await Promise.all([waitForSynced(ayuEditor), waitForSynced(budiEditor)])
    write(ayuEditor, [paragraph(text('Ferries every hour.')), paragraph(text('Clean water.'))])
    await saved(ayuEditor, budiEditor)
    expect(blocksOf(budiEditor)).toHaveLength(2)
    const line = (budiEditor.doc.getXmlFragment('default').get(0) as Y.XmlElement).get(
      0,
    ) as Y.XmlText
    line.insert('Ferries every hour'.length, ' and night')
    await saved(budiEditor, ayuEditor)
    // Budi moves to academia afterwards: what he wrote stays business.
    await api(
      server,
      'PATCH',
      `/api/workspaces/${site.workspaceId}/participants/${budi.participant.id}`,
      {
        token: site.token,
        body: { group: 'academia' },
      },
    )

    const live = await authorship()
    expect(passages(live)).toEqual([
      ['Ayu/community:Ferries every hour', 'Budi/business: and night', 'Ayu/community:.'],
      ['Ayu/community:Clean water.'],
    ])
    expect(live.clauses[0]?.byGroup).toEqual({ community: 19, business: 10 })
    expect(live.byGroup).toEqual({ community: 31, business: 10 })
    expect(live.authors.every((author) => author.groupNow === undefined)).toBe(true)

    // A saved version reads the same; anyone in the workspace may ask, as for a comparison.
    const { version } = await api<{ version: Version }>(
      server,
      'POST',
      `/api/documents/${documentId}/versions`,
      {
        token: site.token,
        body: { name: 'Ferries' },
      },
    )
    expect(passages(await authorship(version.id, ayu.token))).toEqual(passages(live))

    // Rows kept before groups were stored show the writer's group now, and say so.
    await writeStore(
      server,
      'UPDATE room_writer SET stakeholder_group = NULL WHERE participant_id = ?',
      budi.participant.id,
    )
    const older = await authorship()
    expect(older.authors.find((author) => author.displayName === 'Budi')).toEqual({
      participantId: budi.participant.id,
      displayName: 'Budi',
      group: 'academia',
      groupNow: true,
    })
  })

  it('refuses strangers and unknown documents or versions like a comparison does', async () => {
    const other = await Site.open(server)
    expectError(
      await call(server, 'GET', `/api/documents/${documentId}/authorship`, { token: other.token }),
      403,
      'forbidden',
    )
    expectError(
      await call(server, 'GET', `/api/documents/${documentId}/authorship`),
      401,
      'unauthorized',
    )
    expectError(
      await call(server, 'GET', '/api/documents/nope/authorship', { token: site.token }),
      404,
      'not_found',
    )
    expectError(
      await call(server, 'GET', `/api/documents/${documentId}/authorship?version=nope`, {
        token: site.token,
      }),
      404,
      'not_found',
    )
  })
})
