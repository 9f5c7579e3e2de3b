import type { Database } from 'better-sqlite3'
import type { DecisionRecord } from '../../../shared/src/schema/session.js'

/**
 * Decision records: append-only rows, each holding its canonical content and hash. Nothing here
 * updates or deletes a record (deleting the whole workspace cascades).
 */
export class DecisionStore {
  constructor(private readonly db: Database) {}

  append(record: DecisionRecord): void {
    const { hash, ...content } = record
    this.db
      .prepare(
        'INSERT INTO decision (id, workspace_id, sequence, record, hash) VALUES (?, ?, ?, ?, ?)',
      )
      .run(record.id, record.workspaceId, record.sequence, JSON.stringify(content), hash)
  }

  /** The records in chain order, as stored (so verification sees any later change). */
  list(workspaceId: string): DecisionRecord[] {
    const rows = this.db
      .prepare('SELECT record, hash FROM decision WHERE workspace_id = ? ORDER BY sequence')
      .all(workspaceId) as { record: string; hash: string }[]
    return rows.map((row) => ({
      ...(JSON.parse(row.record) as Omit<DecisionRecord, 'hash'>),
      hash: row.hash,
    }))
  }

  last(workspaceId: string): DecisionRecord | undefined {
    const row = this.db
      .prepare(
        'SELECT record, hash FROM decision WHERE workspace_id = ? ORDER BY sequence DESC LIMIT 1',
      )
      .get(workspaceId) as { record: string; hash: string } | undefined
    return row && { ...(JSON.parse(row.record) as Omit<DecisionRecord, 'hash'>), hash: row.hash }
  }
}
