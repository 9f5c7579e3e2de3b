import type { Database } from 'better-sqlite3'
import type { Version, VersionKind } from '../../../shared/src/schema/version.js'
import type { ProseMirrorNode } from '../../../shared/src/ydoc/prosemirror-json.js'

interface VersionRow {
  id: string
  document_id: string
  name: string
  kind: string
  content_hash: string
  created_by: string
  created_at: string
}

const toVersion = (row: VersionRow): Version => ({
  id: row.id,
  documentId: row.document_id,
  name: row.name,
  kind: row.kind as VersionKind,
  contentHash: row.content_hash,
  createdBy: row.created_by,
  createdAt: row.created_at,
})

const columns = 'id, document_id, name, kind, content_hash, created_by, created_at'

/** Versions are written once and never changed: there is no update statement here. */
export class VersionStore {
  constructor(private readonly db: Database) {}

  insert(version: Version, content: ProseMirrorNode, ydoc: Uint8Array): void {
    this.db
      .prepare(
        `INSERT INTO version (id, document_id, name, kind, content_json, content_hash, ydoc, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        version.id,
        version.documentId,
        version.name,
        version.kind,
        JSON.stringify(content),
        version.contentHash,
        ydoc,
        version.createdBy,
        version.createdAt,
      )
  }

  list(documentId: string): Version[] {
    const rows = this.db
      .prepare(`SELECT ${columns} FROM version WHERE document_id = ? ORDER BY created_at, rowid`)
      .all(documentId) as VersionRow[]
    return rows.map(toVersion)
  }

  /** The version's Yjs document, as the server encoded it when saving. */
  ydoc(documentId: string, id: string): Uint8Array | undefined {
    const row = this.db
      .prepare('SELECT ydoc FROM version WHERE document_id = ? AND id = ?')
      .get(documentId, id) as { ydoc: Buffer } | undefined
    return row?.ydoc
  }

  find(documentId: string, id: string): { version: Version; content: ProseMirrorNode } | undefined {
    const row = this.db
      .prepare(`SELECT ${columns}, content_json FROM version WHERE document_id = ? AND id = ?`)
      .get(documentId, id) as (VersionRow & { content_json: string }) | undefined
    return (
      row && { version: toVersion(row), content: JSON.parse(row.content_json) as ProseMirrorNode }
    )
  }
}
