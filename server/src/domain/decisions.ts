import { createHash } from 'node:crypto'
import type { ChainVerification, DecisionRecord } from '../../../shared/src/schema/session.js'
import type { Stores } from './ports.js'

/** The hash before the first record of a workspace. */
export const genesisHash = '0'.repeat(64)

/** JSON with object keys sorted at every depth: one text for one content, whoever writes it. */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** SHA-256 over the record's canonical content, which includes the previous record's hash. */
export const recordHash = (content: Omit<DecisionRecord, 'hash'>): string =>
  createHash('sha256').update(canonicalJson(content)).digest('hex')

export type DecisionContent = Omit<
  DecisionRecord,
  'hash' | 'sequence' | 'previousHash' | 'workspaceId'
>

/** The workspace's decision records: appended with the hash of the one before, verifiable. */
export class Decisions {
  constructor(private readonly stores: Stores) {}

  /** Appends a record at the head of the chain; call inside the transaction that decides. */
  append(workspaceId: string, content: DecisionContent): DecisionRecord {
    const last = this.stores.decisions.last(workspaceId)
    const unsigned = {
      ...content,
      workspaceId,
      sequence: (last?.sequence ?? 0) + 1,
      previousHash: last?.hash ?? genesisHash,
    }
    const record = { ...unsigned, hash: recordHash(unsigned) }
    this.stores.decisions.append(record)
    return record
  }

  list(workspaceId: string): DecisionRecord[] {
    return this.stores.decisions.list(workspaceId)
  }

  /** Recomputes the chain from its stored rows; names the first record that does not match. */
  verify(workspaceId: string): ChainVerification {
    const records = this.list(workspaceId)
    let previous = genesisHash
    for (const [index, record] of records.entries()) {
      const { hash, ...content } = record
      const problem =
        record.sequence !== index + 1
          ? `sequence ${record.sequence} where ${index + 1} was expected`
          : record.previousHash !== previous
            ? 'it does not follow the record before it'
            : recordHash(content) !== hash
              ? 'its content does not match its hash'
              : undefined
      if (problem) {
        return {
          ok: false,
          count: records.length,
          firstInvalid: { id: record.id, sequence: record.sequence, problem },
        }
      }
      previous = hash
    }
    return { ok: true, count: records.length, head: previous }
  }
}
