import { createHash } from 'node:crypto'
import type { AgreementRecord } from '../../../shared/src/schema/mediation.js'
import {
  type ChainRecord,
  canonicalJson,
  checkChain,
  genesisHash,
  hashedContents,
} from '../../../shared/src/schema/record-chain.js'
import type { ChainVerification, DecisionRecord } from '../../../shared/src/schema/session.js'
import type { Repositories, Stores } from './ports.js'

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** SHA-256 over the record's canonical content, which includes the previous record's hash. */
export const recordHash = (record: ChainRecord): string =>
  sha256(canonicalJson(hashedContents(record)[0]))

/** What a caller gives to append a record; the chain adds the linkage. */
type Linkage = 'hash' | 'sequence' | 'previousHash' | 'workspaceId'
export type DecisionEntry = Omit<DecisionRecord, Linkage | 'kind'>
export type AgreementEntry = Omit<AgreementRecord, Linkage | 'kind'>
type ChainContent =
  | ({ kind: 'decision' } & DecisionEntry)
  | ({ kind: 'agreement' } & AgreementEntry)

/** The part of a transaction the chain is appended in. */
type InChain = Pick<Repositories, 'chain'>

/**
 * The workspace's record chain: decisions and signed agreements, each appended with the hash of
 * the one before, so anyone holding the rows can check that none was changed or removed.
 */
export class RecordChain {
  constructor(private readonly stores: Stores) {}

  /** Appends a decision at the head of the chain, in `tx`: the transaction that decides. */
  appendDecision(tx: InChain, workspaceId: string, content: DecisionEntry): DecisionRecord {
    return this.#append(tx, workspaceId, { kind: 'decision', ...content }) as DecisionRecord
  }

  /** Appends a signed agreement, in `tx`: the transaction of its last signature. */
  appendAgreement(tx: InChain, workspaceId: string, content: AgreementEntry): AgreementRecord {
    return this.#append(tx, workspaceId, { kind: 'agreement', ...content }) as AgreementRecord
  }

  #append(tx: InChain, workspaceId: string, content: ChainContent): ChainRecord {
    const last = tx.chain.last(workspaceId)
    const unsigned = {
      ...content,
      workspaceId,
      sequence: (last?.sequence ?? 0) + 1,
      previousHash: last?.hash ?? genesisHash,
    }
    const draft = { ...unsigned, hash: '' } as ChainRecord
    const record = { ...draft, hash: recordHash(draft) }
    tx.chain.append(record)
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
   * Recomputes the chain from its stored rows; names the first record that does not match.
   */
  verify(workspaceId: string): ChainVerification {
    return checkChain(
      this.list(workspaceId).map((record) => ({
        id: record.id,
        sequence: record.sequence,
        previousHash: record.previousHash,
        hash: record.hash,
        recomputedHashes: hashedContents(record).map((content) => sha256(canonicalJson(content))),
      })),
    )
  }
}
