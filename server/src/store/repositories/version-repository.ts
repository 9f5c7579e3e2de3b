import type { Version, VersionKind } from '../../../../shared/src/schema/version.js'
import type { ProseMirrorNode } from '../../../../shared/src/ydoc/prosemirror-json.js'
import { bytes, type Queries } from '../schema.js'

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

const columns = [
  'id',
  'document_id',
  'name',
  'kind',
  'content_hash',
  'created_by',
  'created_at',
] as const

/** Versions are written once and never changed: there is no update statement here. */
export class VersionRepository {
  constructor(private readonly q: Queries) {}

  async insert(version: Version, content: ProseMirrorNode, ydoc: Uint8Array): Promise<void> {
    await this.q.db
      .insertInto('version')
      .values({
        id: version.id,
        document_id: version.documentId,
        name: version.name,
        kind: version.kind,
        content_json: JSON.stringify(content),
        content_hash: version.contentHash,
        ydoc: bytes(ydoc),
        created_by: version.createdBy,
        created_at: version.createdAt,
      })
      .execute()
  }

  async list(documentId: string): Promise<Version[]> {
    const rows = await this.q.db
      .selectFrom('version')
      .select(columns)
      .where('document_id', '=', documentId)
      .orderBy('created_at')
      .orderBy('rowid')
      .execute()
    return rows.map(toVersion)
  }

  /** The version's Yjs document, as the server encoded it when saving. */
  async ydoc(documentId: string, id: string): Promise<Uint8Array | undefined> {
    const row = await this.q.db
      .selectFrom('version')
      .select('ydoc')
      .where('document_id', '=', documentId)
      .where('id', '=', id)
      .executeTakeFirst()
    return row?.ydoc
  }

  async find(
    documentId: string,
    id: string,
  ): Promise<{ version: Version; content: ProseMirrorNode } | undefined> {
    const row = await this.q.db
      .selectFrom('version')
      .select([...columns, 'content_json'])
      .where('document_id', '=', documentId)
      .where('id', '=', id)
      .executeTakeFirst()
    return (
      row && { version: toVersion(row), content: JSON.parse(row.content_json) as ProseMirrorNode }
    )
  }
}
