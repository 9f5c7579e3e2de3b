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
import type { Stores } from './ports.js'
import type { TransparencyLog } from './records/transparency-log.js'

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

/**
 * The workspace's record chain: decisions and signed agreements, each appended with the hash of
 * the one before and signed into the workspace's transparency log, so anyone holding the rows can
 * check that none was changed, and anyone who saw a checkpoint, that none was removed.
 */
export class RecordChain {
  constructor(
    private readonly stores: Stores,
    private readonly log: TransparencyLog,
  ) {}

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
    const draft = { ...unsigned, hash: '' } as ChainRecord
    const record = { ...draft, hash: recordHash(draft) }
    this.stores.chain.append(record)
    this.log.signGrowth(workspaceId, 1)
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
   * Recomputes the chain from its stored rows, then the log's tree against its last signed
   * checkpoint; names the first record that does not match and the checkpoint it checked.
   */
  verify(workspaceId: string): ChainVerification {
    const records = this.list(workspaceId)
    const chain = checkChain(
      records.map((record) => ({
        id: record.id,
        sequence: record.sequence,
        workspaceId: record.workspaceId,
        previousHash: record.previousHash,
        hash: record.hash,
        recomputedHashes: hashedContents(record).map((content) => sha256(canonicalJson(content))),
      })),
      workspaceId,
    )
    const { checkpoint, firstInvalid } = this.log.audit(workspaceId, records)
    const checked = { workspaceId, checkpoint }
    if (chain.ok && firstInvalid) {
      return { ok: false, count: records.length, firstInvalid, ...checked }
    }
    return { ...chain, ...checked }
  }
}
