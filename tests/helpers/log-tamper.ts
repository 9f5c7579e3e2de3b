import type { Database } from 'better-sqlite3'
import { sha256 } from '../../server/src/domain/records-and-publication/record-chain.js'
import type { Publication } from '../../shared/src/schema/publication.js'
import {
  type ChainRecord,
  canonicalJson,
  hashedContents,
} from '../../shared/src/schema/record-chain.js'
import type { ChainVerification } from '../../shared/src/schema/session.js'
import { startServer, type TestServer } from './server.js'
import { api, Site } from './site.js'
import { openStore } from './store.js'

/**
 * A published workspace's record and what a dishonest operator does to it with the SQLite file
 * in hand, for the tests of the transparency log's outside checks (command and browser).
 */

export interface Scene {
  server: TestServer
  site: Site
  /** The public page, `…/p/<publicId>`: the same across restarts on the same port. */
  publicUrl: string
}

export const decide = (scene: Pick<Scene, 'server' | 'site'>, title: string) =>
  api(scene.server, 'POST', `/api/workspaces/${scene.site.workspaceId}/decisions`, {
    token: scene.site.token,
    body: { title, text: `${title}: agreed by the room.`, outcome: 'adopted' },
  })

/** Publishes the record (named unless asked otherwise): its public page. */
export const publish = async (
  server: TestServer,
  site: Site,
  { anonymised = false } = {},
): Promise<string> => {
  const publication = await api<Publication>(
    server,
    'PUT',
    `/api/workspaces/${site.workspaceId}/publication`,
    { token: site.token, body: { published: true, anonymised } },
  )
  return `${server.httpUrl}/p/${publication.publicId}`
}

/** A published workspace with `titles` decided, on its own server. */
export const openScene = async (titles: readonly string[]): Promise<Scene> => {
  const server = await startServer()
  const site = await Site.open(server)
  for (const title of titles) await decide({ server, site }, title)
  return { server, site, publicUrl: await publish(server, site) }
}

export const verifyRecords = (site: Site, server: TestServer) =>
  api<ChainVerification & { checkpoint?: unknown }>(
    server,
    'GET',
    `/api/workspaces/${site.workspaceId}/records/verify`,
    { token: site.token },
  )

/** Restarts the server on the same data and port, so the public link stays the same. */
export const restart = async (scene: Scene, change: (db: Database) => void) => {
  await scene.server.stop()
  const db = openStore(scene.server.dataDir)
  db.transaction(() => change(db))()
  db.close()
  scene.server = await startServer({
    dataDir: scene.server.dataDir,
    env: { PORT: String(scene.server.port) },
  })
  scene.site = scene.site.on(scene.server)
}

interface Row {
  id: string
  kind: string
  record: string
  hash: string
}

/**
 * What an operator does to make a changed record verify: edits one record (the first; `edit`
 * as a function sees each), then recomputes every hash and link after it, exactly as the server
 * hashes, so the chain is whole again.
 */
export const rewriteChain = (
  db: Database,
  workspaceId: string,
  edit: string | ((content: Record<string, unknown>) => void),
) => {
  const rows = db
    .prepare(
      'SELECT id, kind, record, hash FROM chain_record WHERE workspace_id = ? ORDER BY sequence',
    )
    .all(workspaceId) as Row[]
  let previous = '0'.repeat(64)
  for (const [index, row] of rows.entries()) {
    const content = JSON.parse(row.record) as Record<string, unknown>
    if (typeof edit === 'function') edit(content)
    else if (index === 0) content.text = edit
    content.previousHash = previous
    const record = { kind: row.kind, ...content, hash: '' } as ChainRecord
    const [hashed] = hashedContents(record)
    const hash = sha256(canonicalJson(hashed))
    db.prepare('UPDATE chain_record SET record = ?, hash = ? WHERE id = ?').run(
      JSON.stringify(content),
      hash,
      row.id,
    )
    previous = hash
  }
}

/**
 * Appends a forged decision after the last record, chained as the server would chain it: a
 * row the server never signed, which the feed shows but no checkpoint covers.
 */
export const forgeRecord = (db: Database, workspaceId: string, title: string) => {
  const last = db
    .prepare(
      'SELECT record, hash, sequence FROM chain_record WHERE workspace_id = ? ORDER BY sequence DESC LIMIT 1',
    )
    .get(workspaceId) as { record: string; hash: string; sequence: number }
  const sequence = last.sequence + 1
  const content = {
    ...(JSON.parse(last.record) as Record<string, unknown>),
    id: `forged-${sequence}`,
    sequence,
    title,
    text: `${title}.`,
    previousHash: last.hash,
  }
  const [hashed] = hashedContents({ kind: 'decision', ...content, hash: '' } as ChainRecord)
  db.prepare(
    "INSERT INTO chain_record (id, workspace_id, sequence, kind, record, hash) VALUES (?, ?, ?, 'decision', ?, ?)",
  ).run(content.id, workspaceId, sequence, JSON.stringify(content), sha256(canonicalJson(hashed)))
}

/** Forgets the checkpoints signed past `size` (all of them by default): the server signs anew. */
export const forgetCheckpoints = (db: Database, workspaceId: string, size = 0) =>
  db
    .prepare('DELETE FROM log_checkpoint WHERE workspace_id = ? AND tree_size > ?')
    .run(workspaceId, size)
