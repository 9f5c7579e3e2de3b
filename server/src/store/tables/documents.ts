import type { Generated } from 'kysely'

/* Documents and their named versions. */

export interface DocumentTable {
  id: string
  workspace_id: string
  title: string
  template: string
  archived: Generated<number>
  commenters_may_suggest: Generated<number>
  created_at: string
  created_by: string
}

export interface VersionTable {
  id: string
  document_id: string
  name: string
  kind: string
  content_json: string
  content_hash: string
  ydoc: Uint8Array
  created_by: string
  created_at: string
  /** Insertion order: SQLite's implicit rowid, an identity column on PostgreSQL. */
  rowid: Generated<number>
}

export interface DocumentTables {
  document: DocumentTable
  version: VersionTable
}
