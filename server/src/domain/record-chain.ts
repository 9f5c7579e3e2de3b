import { createHash } from 'node:crypto'
import type { AgreementRecord } from '../../../shared/src/schema/mediation.js'
import type { ChainRecord } from '../../../shared/src/schema/record-chain.js'
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

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** SHA-256 over the record's canonical content, which includes the previous record's hash. */
export const recordHash = (content: Omit<ChainRecord, 'hash'>): string =>
  sha256(canonicalJson(content))

/** What a caller gives to append a record; the chain adds the linkage. */
type Linkage = 'hash' | 'sequence' | 'previousHash' | 'workspaceId'
export type DecisionEntry = Omit<DecisionRecord, Linkage | 'kind'>
export type AgreementEntry = Omit<AgreementRecord, Linkage | 'kind'>
type ChainContent =
  | ({ kind: 'decision' } & DecisionEntry)
  | ({ kind: 'agreement' } & AgreementEntry)

/**
 * The workspace's record chain: decisions and signed agreements, each appended with the hash of
 * the one before, so anyone holding the rows can check that none was changed or removed.
 */
export class RecordChain {
  constructor(private readonly stores: Stores) {}

  /** Appends a decision at the head of the chain; call inside the transaction that decides. */
  appendDecision(workspaceId: string, content: DecisionEntry): DecisionRecord {
    return this.#append(workspaceId, { kind: 'decision', ...content }) as DecisionRecord
  }

  /** Appends a signed agreement; call inside the transaction of its last signature. */
  appendAgreement(workspaceId: string, content: AgreementEntry): AgreementRecord {
    return this.#append(workspaceId, { kind: 'agreement', ...content }) as AgreementRecord
  }

  #append(workspaceId: string, content: ChainContent): ChainRecord {
    const last = this.stores.chain.last(workspaceId)
    const unsigned = {
      ...content,
      workspaceId,
      sequence: (last?.sequence ?? 0) + 1,
      previousHash: last?.hash ?? genesisHash,
    }
    const record = { ...unsigned, hash: recordHash(unsigned) } as ChainRecord
    this.stores.chain.append(record)
    return record
  }

  list(workspaceId: string): ChainRecord[] {
    return this.stores.chain.list(workspaceId)
  }

  decisions(workspaceId: string): DecisionRecord[] {
    return this.list(workspaceId).filter(
      (record): record is DecisionRecord => record.kind === 'decision',
    )
  }

  /**
   * Recomputes the chain from its stored rows, each hashed exactly as stored; names the first
   * record that does not match.
   */
  verify(workspaceId: string): ChainVerification {
    const records = this.stores.chain.stored(workspaceId)
    let previous = genesisHash
    for (const [index, record] of records.entries()) {
      const { hash } = record
      const problem =
        record.sequence !== index + 1
          ? `sequence ${record.sequence} where ${index + 1} was expected`
          : record.previousHash !== previous
            ? 'it does not follow the record before it'
            : sha256(canonicalJson(record.content)) !== hash
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
