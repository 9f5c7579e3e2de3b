import { type SqlBool, sql } from 'kysely'
import type { ChainRecord } from '../../../../shared/src/schema/record-chain.js'
import { Engine, type Queries } from '../schema.js'

interface ChainRow {
  kind: string
  record: string
  hash: string
}

/** The kind column fills in records written before the chain held more than decisions. */
const toRecord = (row: ChainRow): ChainRecord =>
  ({ kind: row.kind, ...JSON.parse(row.record), hash: row.hash }) as ChainRecord

const columns = ['kind', 'record', 'hash'] as const

/**
 * The workspace's record chain (decisions and signed agreements): append-only rows, each holding
 * its canonical content and hash. Nothing here updates or deletes a record (deleting the whole
 * workspace cascades).
 */
export class ChainRepository {
  constructor(private readonly q: Queries) {}

  async append(record: ChainRecord): Promise<void> {
    const { hash, ...content } = record
    await this.q.db
      .insertInto('chain_record')
      .values({
        id: record.id,
        workspace_id: record.workspaceId,
        sequence: record.sequence,
        kind: record.kind,
        record: JSON.stringify(content),
        hash,
      })
      .execute()
  }

  #ofWorkspace(workspaceId: string) {
    return this.q.db
      .selectFrom('chain_record')
      .select(columns)
      .where('workspace_id', '=', workspaceId)
  }

  /** The records in chain order, as stored (so verification sees any later change). */
  async list(workspaceId: string): Promise<ChainRecord[]> {
    const rows = await this.#ofWorkspace(workspaceId).orderBy('sequence').execute()
    return rows.map(toRecord)
  }

  /** Records [offset, offset + limit) in chain order: one page of the log's entries. */
  async page(workspaceId: string, offset: number, limit: number): Promise<ChainRecord[]> {
    const rows = await this.#ofWorkspace(workspaceId)
      .orderBy('sequence')
      .limit(limit)
      .offset(offset)
      .execute()
    return rows.map(toRecord)
  }

  async count(workspaceId: string): Promise<number> {
    const row = await this.q.db
      .selectFrom('chain_record')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async last(workspaceId: string): Promise<ChainRecord | undefined> {
    const row = await this.#ofWorkspace(workspaceId)
      .orderBy('sequence', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row && toRecord(row)
  }

  /** The workspaces that hold at least one record. */
  async workspaceIds(): Promise<string[]> {
    const rows = await this.q.db
      .selectFrom('chain_record')
      .select('workspace_id')
      .distinct()
      .execute()
    return rows.map((row) => row.workspace_id)
  }

  /**
   * A number that moves when another process (an operator's tool) has written the chain.
   * SQLite's `data_version` moves only for other connections' commits. PostgreSQL has no such
   * counter: the sum of the rows' creating transaction ids (xmin) and their count moves with
   * any insert, update or delete, ours included, which only costs the caches a rebuild.
   */
  async outsideWrites(): Promise<number> {
    if (this.q.engine === Engine.sqlite) {
      const { rows } = await sql<{ data_version: number }>`PRAGMA data_version`.execute(this.q.db)
      return rows[0]?.data_version ?? 0
    }
    const { rows } = await sql<{ fingerprint: number }>`
      SELECT coalesce(sum(xmin::text::bigint), 0) + count(*) AS fingerprint FROM chain_record`.execute(
      this.q.db,
    )
    return Number(rows[0]?.fingerprint ?? 0)
  }

  async find(id: string): Promise<ChainRecord | undefined> {
    const row = await this.q.db
      .selectFrom('chain_record')
      .select(columns)
      .where('id', '=', id)
      .executeTakeFirst()
    return row && toRecord(row)
  }

  /** One agreement's records (the agreement, its signatures, its term follow-up), in order. */
  async listForAgreement(workspaceId: string, agreementId: string): Promise<ChainRecord[]> {
    if (this.q.engine === Engine.sqlite) {
      // A record that is not JSON (tampered) matches none.
      const rows = await this.#ofWorkspace(workspaceId)
        .where((eb) =>
          eb.or([
            eb('id', '=', agreementId),
            sql<SqlBool>`(json_valid(record) AND json_extract(record, '$.agreementId') = ${agreementId})`,
          ]),
        )
        .orderBy('sequence')
        .execute()
      return rows.map(toRecord)
    }
    // PostgreSQL 15 cannot test text for JSON before casting it (a tampered record would fail
    // the query): the rows naming any agreement are narrowed here, and parsed one by one.
    const rows = await this.#ofWorkspace(workspaceId)
      .select('id')
      .where((eb) => eb.or([eb('id', '=', agreementId), eb('record', 'like', '%"agreementId"%')]))
      .orderBy('sequence')
      .execute()
    return rows
      .filter((row) => row.id === agreementId || agreementOf(row.record) === agreementId)
      .map(toRecord)
  }
}

/** The agreement a stored record names, if it is JSON that names one. */
const agreementOf = (record: string): unknown => {
  try {
    return (JSON.parse(record) as { agreementId?: unknown }).agreementId
  } catch {
    return undefined
  }
}
