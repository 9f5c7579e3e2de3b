import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { Version } from '../../shared/src/schema/version.js'
import { SuggestionMark } from '../../shared/src/ydoc/suggestions.js'
import { call, expectError } from '../helpers/api-cases.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { blocksOf, paragraph, saved, text, write } from '../helpers/plan-text.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { readMetric } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

describe('suggested changes on the server', () => {
  let server: TestServer
  let site: Site
  let ayu: { participant: { id: string }; token: string }
  let budi: { participant: { id: string }; token: string }

  beforeAll(async () => {
    server = await startServer()
    site = await Site.open(server)
    ayu = await site.join('stakeholder', 'Ayu', 'community')
    budi = await site.join('stakeholder', 'Budi', 'business')
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const by = (id: string, who: { participant: { id: string } }, name: string) => ({
    id,
    authorId: who.participant.id,
    authorName: name,
    group: 'business',
  })

  it('saves a version with every suggestion accepted while the live text keeps them', async () => {
    const plan = await site.document('Suggested plan')
    const editor = connectClient(server, plan.room, { params: { token: ayu.token } })
    const reader = connectClient(server, plan.room, { params: { token: budi.token } })
    await Promise.all([waitForSynced(editor), waitForSynced(reader)])
    write(editor, [
      paragraph(
        text('Buses every '),
        text('ten', [{ type: SuggestionMark.delete, attrs: by('s1', budi, 'Budi') }]),
        text('five', [{ type: SuggestionMark.insert, attrs: by('s2', budi, 'Budi') }]),
        text(' minutes.'),
      ),
    ])
    await saved(editor, reader)
    const { version } = await api<{ version: Version }>(
      server,
      'POST',
      `/api/documents/${plan.id}/versions`,
      {
        token: site.token,
        body: { name: 'Accepted', acceptSuggestions: true },
      },
    )
    const frozen = await api<{ content: { content: unknown[] } }>(
      server,
      'GET',
      `/api/documents/${plan.id}/versions/${version.id}`,
      { token: site.token },
    )
    expect(frozen.content.content).toEqual([paragraph(text('Buses every five minutes.'))])
    expect(blocksOf(reader)[0]?.content?.map((node) => node.text)).toEqual([
      'Buses every ',
      'ten',
      'five',
      ' minutes.',
    ])
    expectError(
      await call(server, 'POST', `/api/documents/${plan.id}/versions`, {
        token: site.token,
        body: { name: 'Accepted', acceptSuggestions: 'yes' },
      }),
      400,
      'bad_request',
    )
  })

  it('read_only_room: a commenter can neither suggest nor settle a suggestion: their updates reach nobody', async () => {
    const plan = await site.document('Guarded plan')
    const commenter = await site.join('commenter', 'Citra', 'citizen')
    const writer = connectClient(server, plan.room, { params: { token: ayu.token } })
    const other = connectClient(server, plan.room, { params: { token: budi.token } })
    const commenting = connectClient(server, plan.room, { params: { token: commenter.token } })
    await Promise.all([writer, other, commenting].map((client) => waitForSynced(client)))
    const suggested = [
      paragraph(
        text('Parks '),
        text('for all', [{ type: SuggestionMark.insert, attrs: by('s3', budi, 'Budi') }]),
      ),
    ]
    write(writer, suggested)
    await saved(writer, commenting)
    await saved(writer, other)
    // Citra tries to suggest, and to accept Budi's suggestion: both are dropped.
    const metric = 'mufakat_readonly_updates_dropped_total'
    const dropped = await readMetric(server.httpUrl, metric)
    const line = () => commenting.doc.getXmlFragment('default').get(0) as unknown as Y.XmlElement
    ;(line().get(0) as Y.XmlText).insert(13, ' now', {
      [SuggestionMark.insert]: by('s4', commenter, 'Citra'),
    })
    ;(line().get(0) as Y.XmlText).format(6, 7, { [SuggestionMark.insert]: null })
    await waitFor(
      async () => (await readMetric(server.httpUrl, metric)) >= dropped + 2,
      'both updates of the commenter to be dropped',
    )
    // A writer's next edit arrives after them: by then anything relayed would have arrived too.
    const writerLine = (writer.doc.getXmlFragment('default').get(0) as Y.XmlElement).get(
      0,
    ) as Y.XmlText
    writerLine.insert(0, 'New ')
    await saved(writer, other)
    expect(blocksOf(other)).toEqual([
      paragraph(
        text('New Parks '),
        text('for all', [{ type: SuggestionMark.insert, attrs: by('s3', budi, 'Budi') }]),
      ),
    ])
  })
})
