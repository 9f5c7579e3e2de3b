import { createHash } from 'node:crypto'
import { afterAll, expect, it } from 'vitest'
import type { ClauseStatus } from '../../shared/src/schema/clause.js'
import type { ChainVerification } from '../../shared/src/schema/session.js'
import { destroyClients } from '../helpers/clients.js'
import { decideClause, decidedClause } from '../helpers/decided-clause.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'

const outsiderHash = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex')

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
    const { plan, session } = await decideClause(server, site)
    const decided = decidedClause

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
