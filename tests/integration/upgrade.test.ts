import { afterAll, expect, it } from 'vitest'
import { sha256 } from '../../server/src/domain/records-and-publication/record-chain.js'
import { hashToken } from '../../server/src/domain/secrets.js'
import type { Publication, PublicFeed } from '../../shared/src/schema/publication.js'
import {
  canonicalJson,
  checkChain,
  genesisHash,
  hashedContents,
} from '../../shared/src/schema/record-chain.js'
import type { ChainVerification, DecisionRecord } from '../../shared/src/schema/session.js'
import { databaseOfEarlierRelease } from '../fixtures/earlier-releases.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { makeDataDir, removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'

/**
 * A database as the server before mediation left it (schema 4): a workspace whose decisions were
 * hashed without a `kind`, the chain holding nothing else yet.
 */
const databaseBeforeMediation = (dataDir: string, token: string) => {
  databaseOfEarlierRelease(dataDir, 4)
  const db = openStore(dataDir)
  const at = '2026-11-27T10:00:00.000Z'
  db.prepare('INSERT INTO workspace VALUES (?, ?, ?, ?)').run('w1', 'Depok Flood Plan', '', at)
  db.prepare('INSERT INTO participant VALUES (?, ?, ?, ?, ?, ?, ?, NULL)').run(
    'p1',
    'w1',
    'Fasilitator Fajar',
    'government',
    'facilitator',
    hashToken(token),
    at,
  )
  const content = {
    id: 'd1',
    workspaceId: 'w1',
    sequence: 1,
    sessionId: null,
    title: 'Open the flood data',
    text: 'Sensor data is published every hour.',
    outcome: 'adopted',
    positionsByGroup: {},
    present: [{ participantId: 'p1', name: 'Fasilitator Fajar', group: 'government' }],
    documentId: null,
    versionId: null,
    recordedBy: 'p1',
    recordedAt: at,
    previousHash: genesisHash,
  }
  db.prepare(
    'INSERT INTO decision (id, workspace_id, sequence, record, hash) VALUES (?, ?, ?, ?, ?)',
  ).run('d1', 'w1', 1, JSON.stringify(content), sha256(canonicalJson(content)))
  db.close()
}

describeSqliteOnly('upgrading a database from an earlier release', () => {
  let server: TestServer | undefined
  afterAll(async () => {
    await server?.stop()
    await removeDataDirs()
  })

  it('keeps decisions of every earlier release readable, verified and publishable, and chains new ones after them', async () => {
    const token = 'facilitator-token-from-before'
    const dataDir = makeDataDir()
    databaseBeforeMediation(dataDir, token)
    server = await startServer({ dataDir })
    const base = '/api/workspaces/w1'
    const { decisions } = await api<{ decisions: DecisionRecord[] }>(
      server,
      'GET',
      `${base}/decisions`,
      { token },
    )
    expect(decisions.map((decision) => [decision.kind, decision.title])).toEqual([
      ['decision', 'Open the flood data'],
    ])
    // A decision as the first release with mediation wrote it: `kind` stored and hashed too.
    const hashedWithKind = {
      kind: 'decision',
      id: 'd2',
      workspaceId: 'w1',
      sequence: 2,
      sessionId: null,
      title: 'Map the flood zones',
      text: 'The zones are mapped with the residents.',
      outcome: 'adopted',
      positionsByGroup: {},
      present: [],
      documentId: null,
      versionId: null,
      recordedBy: 'p1',
      recordedAt: '2026-11-28T04:00:00.000Z',
      previousHash: decisions[0]?.hash,
    }
    // Written by that release, which signed no checkpoints: the server starts on it again.
    await server.stop()
    const db = openStore(dataDir)
    db.prepare(
      `INSERT INTO chain_record (id, workspace_id, sequence, kind, record, hash)
       VALUES ('d2', 'w1', 2, 'decision', ?, ?)`,
    ).run(JSON.stringify(hashedWithKind), sha256(canonicalJson(hashedWithKind)))
    db.prepare('DELETE FROM log_checkpoint').run()
    db.close()
    server = await startServer({ dataDir })
    const { decision } = await api<{ decision: DecisionRecord }>(
      server,
      'POST',
      `${base}/decisions`,
      {
        token,
        body: {
          title: 'Warn by SMS',
          text: 'Residents get flood warnings by SMS.',
          outcome: 'adopted',
        },
      },
    )
    expect(decision.previousHash).toBe(sha256(canonicalJson(hashedWithKind)))
    expect(
      await api<ChainVerification>(server, 'GET', `${base}/records/verify`, { token }),
    ).toMatchObject({
      ok: true,
      count: 3,
      head: decision.hash,
      // The records from before the log were signed into it when the server started.
      workspaceId: 'w1',
      checkpoint: { size: 3 },
    })
    const publication = await api<Publication>(server, 'PUT', `${base}/publication`, {
      token,
      body: { published: true, anonymised: true },
    })
    const feed = await api<PublicFeed>(server, 'GET', `/api/public/${publication.publicId}`)
    expect(feed.records.map((record) => record.kind)).toEqual(['decision', 'decision', 'decision'])
    expect(JSON.stringify(feed)).not.toContain('Fajar')
    // Named, the feed can be rehashed by anyone, old record included, by the shared rule.
    const named = await api<Publication>(server, 'PUT', `${base}/publication`, {
      token,
      body: { published: true, anonymised: false },
    })
    const { records } = await api<PublicFeed>(server, 'GET', `/api/public/${named.publicId}`)
    const rehashed = checkChain(
      records.map((record) => ({
        id: record.id,
        sequence: record.sequence,
        previousHash: record.previousHash,
        hash: record.hash,
        recomputedHashes: hashedContents(record).map((content) => sha256(canonicalJson(content))),
      })),
    )
    expect(rehashed).toEqual({ ok: true, count: 3, head: decision.hash })
  })
})
