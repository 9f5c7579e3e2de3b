import type { Database } from 'better-sqlite3'
import type { PublicationRecord } from '../../../shared/src/schema/stored.js'

export type { PublicationRecord }

interface PublicationRow {
  workspace_id: string
  public_id: string
  anonymised: number
  published_at: string
}

const toPublication = (row: PublicationRow): PublicationRecord => ({
  workspaceId: row.workspace_id,
  publicId: row.public_id,
  anonymised: row.anonymised === 1,
  publishedAt: row.published_at,
})

/** Which workspaces publish their record, under which unguessable public id. */
export class PublicationStore {
  constructor(private readonly db: Database) {}

  upsert(publication: PublicationRecord): void {
    this.db
      .prepare(
        `INSERT INTO publication (workspace_id, public_id, anonymised, published_at)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (workspace_id) DO UPDATE SET anonymised = excluded.anonymised`,
      )
      .run(
        publication.workspaceId,
        publication.publicId,
        publication.anonymised ? 1 : 0,
        publication.publishedAt,
      )
  }

  remove(workspaceId: string): void {
    this.db.prepare('DELETE FROM publication WHERE workspace_id = ?').run(workspaceId)
  }

  ofWorkspace(workspaceId: string): PublicationRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM publication WHERE workspace_id = ?')
      .get(workspaceId) as PublicationRow | undefined
    return row && toPublication(row)
  }

  byPublicId(publicId: string): PublicationRecord | undefined {
    const row = this.db.prepare('SELECT * FROM publication WHERE public_id = ?').get(publicId) as
      | PublicationRow
      | undefined
    return row && toPublication(row)
  }
}
