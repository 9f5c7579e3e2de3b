import { createHash } from 'node:crypto'
import { afterAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { ClauseStatus } from '../../shared/src/schema/clause.js'
import type { ChainVerification } from '../../shared/src/schema/session.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { paragraph, saved, text, write } from '../helpers/plan-text.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, Site } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'

const outsiderHash = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex')
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

afterAll(async () => {
  destroyClients()
  await removeDataDirs()
})

/**
 * A dishonest operator with the SQLite file in hand rewrites the clause a decided proposal was
 * anchored to in the session's events (text and its hash, consistently), which no hash chain
 * covers. The margin must keep showing the clause the signed decision names, not the rewrite.
 */
describeSqliteOnly('a decided clause, against a rewritten session event', () => {
  it('the plan margin serves the decided clause from the signed record, not from the event', async () => {
    let server = await startServer()
    let site = await Site.open(server)
    const ayu = await site.join('stakeholder', 'Ayu', 'community')
    const plan = await site.document('Tampered plan')
    const writer = connectClient(server, plan.room, { params: { token: ayu.token } })
    const reader = connectClient(server, plan.room, { params: { token: site.token } })
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])
    write(writer, [paragraph(text('§1 Trams reach the north by 2030.'))])
    await saved(writer, reader)
    const block = writer.doc.getXmlFragment('default').get(0) as Y.XmlElement
    const run = block.get(0) as Y.XmlText
    const at = (index: number) =>
      base64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(run, index)))
    const commands = sessionCommands(server, site)
    const { session } = await commands.open('Clause by clause')
    await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Trams to the north',
      text: 'Consent to §1.',
      documentId: plan.id,
      passage: { start: at(3), end: at(33) },
    })
    await commands.run(session.id, site.token, { type: 'proposal.close', outcome: 'adopted' })
    const decided = 'Trams reach the north by 2030.'
    destroyClients()

    await server.stop()
    const db = openStore(server.dataDir)
    const forged = 'Trams never reach the north.'
    const rows = db
      .prepare('SELECT sequence, event FROM session_event WHERE session_id = ?')
      .all(session.id) as { sequence: number; event: string }[]
    for (const row of rows) {
      const event = JSON.parse(row.event)
      if (!event.passage) continue
      event.passage = { text: forged, textHash: outsiderHash(forged) }
      db.prepare('UPDATE session_event SET event = ? WHERE session_id = ? AND sequence = ?').run(
        JSON.stringify(event),
        session.id,
        row.sequence,
      )
    }
    db.close()
    server = await startServer({ dataDir: server.dataDir })
    site = site.on(server)

    const { clauses } = await api<{ clauses: ClauseStatus[] }>(
      server,
      'GET',
      `/api/documents/${plan.id}/clauses`,
      { token: site.token, expect: 200 },
    )
    expect(clauses).toEqual([
      expect.objectContaining({
        state: 'decided',
        passage: expect.objectContaining({ text: decided, textHash: outsiderHash(decided) }),
      }),
    ])
    // The signed record was not touched: verify stays ok, so the margin must agree with it.
    const verification = await api<ChainVerification>(
      server,
      'GET',
      `/api/workspaces/${site.workspaceId}/records/verify`,
      { token: site.token, expect: 200 },
    )
    expect(verification).toMatchObject({ ok: true })
    await server.stop()
  })
})
