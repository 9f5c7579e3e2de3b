import type { Database } from 'better-sqlite3'
import type { ChainRecord } from '../../../shared/src/schema/record-chain.js'

interface ChainRow {
  kind: string
  record: string
  hash: string
}

/** The kind column fills in records written before the chain held more than decisions. */
const toRecord = (row: ChainRow): ChainRecord =>
  ({ kind: row.kind, ...JSON.parse(row.record), hash: row.hash }) as ChainRecord

/**
 * The workspace's record chain (decisions and signed agreements): append-only rows, each holding
 * its canonical content and hash. Nothing here updates or deletes a record (deleting the whole
 * workspace cascades).
 */
export class ChainStore {
  constructor(private readonly db: Database) {}

  append(record: ChainRecord): void {
    const { hash, ...content } = record
    this.db
      .prepare(
        `INSERT INTO chain_record (id, workspace_id, sequence, kind, record, hash)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.workspaceId,
        record.sequence,
        record.kind,
        JSON.stringify(content),
        hash,
      )
  }

  /** The records in chain order, as stored (so verification sees any later change). */
  list(workspaceId: string): ChainRecord[] {
    const rows = this.db
      .prepare(
        'SELECT kind, record, hash FROM chain_record WHERE workspace_id = ? ORDER BY sequence',
      )
      .all(workspaceId) as ChainRow[]
    return rows.map(toRecord)
  }

  /** Records [offset, offset + limit) in chain order: one page of the log's entries. */
  page(workspaceId: string, offset: number, limit: number): ChainRecord[] {
    const rows = this.db
      .prepare(
        'SELECT kind, record, hash FROM chain_record WHERE workspace_id = ? ORDER BY sequence LIMIT ? OFFSET ?',
      )
      .all(workspaceId, limit, offset) as ChainRow[]
    return rows.map(toRecord)
  }

  count(workspaceId: string): number {
    return this.db
      .prepare('SELECT count(*) FROM chain_record WHERE workspace_id = ?')
      .pluck()
      .get(workspaceId) as number
  }

  last(workspaceId: string): ChainRecord | undefined {
    const row = this.db
      .prepare(
        'SELECT kind, record, hash FROM chain_record WHERE workspace_id = ? ORDER BY sequence DESC LIMIT 1',
      )
      .get(workspaceId) as ChainRow | undefined
    return row && toRecord(row)
  }

  /** The workspaces that hold at least one record. */
  workspaceIds(): string[] {
    return this.db
      .prepare('SELECT DISTINCT workspace_id FROM chain_record')
      .pluck()
      .all() as string[]
  }

  /** SQLite's `data_version`: it moves when another connection commits, never for our own. */
  outsideWrites(): number {
    return this.db.pragma('data_version', { simple: true }) as number
  }

  find(id: string): ChainRecord | undefined {
    const row = this.db
      .prepare('SELECT kind, record, hash FROM chain_record WHERE id = ?')
      .get(id) as ChainRow | undefined
    return row && toRecord(row)
  }

  /** One agreement's records (the agreement, its signatures, its term follow-up), in order. */
  listForAgreement(workspaceId: string, agreementId: string): ChainRecord[] {
    const rows = this.db
      .prepare(
        `SELECT kind, record, hash FROM chain_record
         WHERE workspace_id = ?
           AND (id = ? OR (json_valid(record) AND json_extract(record, '$.agreementId') = ?))
         ORDER BY sequence`,
      )
      .all(workspaceId, agreementId, agreementId) as ChainRow[]
    return rows.map(toRecord)
  }
}
