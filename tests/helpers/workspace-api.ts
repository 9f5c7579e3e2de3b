import { createHash } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { destroyClients } from './clients.js'
import { removeDataDirs, startServer, type TestServer } from './server.js'
import { Site } from './site.js'
import { openStore } from './store.js'

/* What the workspace API's test files share: one server each, and readers of its SQLite file. */

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')
export const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
/** Rows created within one millisecond may come in either order: compare sets by id. */
export const byId = <T extends { id: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => a.id.localeCompare(b.id))

/** Reads the server's SQLite file directly, closing it again at once. */
export const withStore = <T>(server: TestServer, read: (db: Database) => T): T => {
  const db = openStore(server.dataDir)
  try {
    return read(db)
  } finally {
    db.close()
  }
}

const tableNames = (db: Database): string[] =>
  (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[]
  ).map((row) => row.name)

/** Every row of every table with a text value containing one of `needles`, as readable lines. */
export const rowsMentioning = (db: Database, needles: readonly string[]): string[] =>
  tableNames(db).flatMap((table) =>
    (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[])
      .filter((row) =>
        Object.values(row).some(
          (value) => typeof value === 'string' && needles.some((needle) => value.includes(needle)),
        ),
      )
      .map((row) => `${table}: ${JSON.stringify(row)}`),
  )

/** The rows of one workspace, table by table (room logs by the workspace's room names). */
export const workspaceRows = (db: Database, workspaceId: string): Record<string, unknown[]> => {
  const byWorkspace = (table: string) =>
    db.prepare(`SELECT * FROM "${table}" WHERE workspace_id = ? ORDER BY rowid`).all(workspaceId)
  const rooms = (
    db.prepare('SELECT name FROM room WHERE workspace_id = ?').all(workspaceId) as {
      name: string
    }[]
  ).map((row) => row.name)
  const byRoom = (table: string) =>
    rooms.flatMap((room) =>
      (
        db.prepare(`SELECT * FROM "${table}" WHERE room = ?`).all(room) as Record<string, unknown>[]
      ).map((row) => ({ ...row, data: Buffer.from(row.data as Uint8Array).toString('hex') })),
    )
  return {
    workspace: db.prepare('SELECT * FROM workspace WHERE id = ?').all(workspaceId),
    participant: byWorkspace('participant'),
    invite: byWorkspace('invite'),
    document: db
      .prepare('SELECT * FROM document WHERE workspace_id = ? ORDER BY id')
      .all(workspaceId),
    room: db.prepare('SELECT * FROM room WHERE workspace_id = ? ORDER BY name').all(workspaceId),
    audit_entry: byWorkspace('audit_entry'),
    room_update: byRoom('room_update'),
    room_snapshot: byRoom('room_snapshot'),
  }
}

/**
 * Starts, for the describe block it is called in, the server a workspace API file runs against
 * (small compaction and unload thresholds, so exports and deletions meet snapshots and unloaded
 * rooms) with another workspace on it, whose token must open nothing in the ones a test creates;
 * hands both to `take`, and stops the server after the block.
 */
export const useWorkspaceApi = (take: (api: { server: TestServer; other: Site }) => void): void => {
  let server: TestServer | undefined
  beforeAll(async () => {
    server = await startServer({
      env: { COMPACT_AFTER_UPDATES: '3', ROOM_UNLOAD_GRACE_MS: '50' },
    })
    take({ server, other: await Site.open(server, 'Surabaya Flood Resilience') })
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server?.stop()
    await removeDataDirs()
  })
}

/** The path of a workspace's API, with `rest` after it. */
export const workspacePath = (site: Site, rest = ''): string =>
  `/api/workspaces/${site.workspaceId}${rest}`
