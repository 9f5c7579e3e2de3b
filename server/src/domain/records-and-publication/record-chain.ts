import { createHash } from 'node:crypto'
import {
  type ChainRecord,
  canonicalJson,
  checkChain,
  genesisHash,
  hashedContents,
} from '../../../../shared/src/schema/record-chain.js'
import type {
  ChainVerification,
  DecisionRecord,
  Dissent,
} from '../../../../shared/src/schema/session.js'
import type {
  AgreementContentRecord,
  SignatureRecord,
  TermStatusRecord,
} from '../../../../shared/src/transparency/agreement-records.js'
import { mapInOrder } from '../in-order.js'
import type { Repositories, Stores } from '../ports.js'
import type { PersonCommitments } from './person-commitments.js'
import type { TransparencyLog } from './transparency-log.js'

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** SHA-256 over the record's canonical content, which includes the previous record's hash. */
export const recordHash = (record: ChainRecord): string =>
  sha256(canonicalJson(hashedContents(record)[0]))

/** What a caller gives to append a record; the chain adds the linkage. */
type Linkage = 'hash' | 'sequence' | 'previousHash' | 'workspaceId'
/** A decision as the session knows it: people by id and name (the log holds commitments). */
export type DecisionEntry = Omit<DecisionRecord, Linkage | 'kind' | 'present' | 'dissent'> & {
  present: { participantId: string; name: string; group: string }[]
  dissent?: Dissent[]
}
type LoggedDecision = Omit<DecisionRecord, Linkage | 'kind'>
export type AgreementEntry = Omit<AgreementContentRecord, Linkage | 'kind'>
export type SignatureEntry = Omit<SignatureRecord, Linkage | 'kind'>
export type TermStatusEntry = Omit<TermStatusRecord, Linkage | 'kind'>
type ChainContent =
  | ({ kind: 'decision' } & LoggedDecision)
  | ({ kind: 'agreement' } & AgreementEntry)
  | ({ kind: 'signature' } & SignatureEntry)
  | ({ kind: 'term-status' } & TermStatusEntry)

/** The part of a transaction the chain is appended in (with the names beside the log). */
export type InChain = Pick<Repositories, 'chain' | 'checkpoints' | 'recordPeople' | 'workspaces'>

/**
 * The workspace's record chain: decisions and signed agreements, each appended with the hash of
 * the one before and signed into the workspace's transparency log, so anyone holding the rows can
 * check that none was changed, and anyone who saw a checkpoint, that none was removed.
 */
export class RecordChain {
  constructor(
    private readonly stores: Stores,
    private readonly log: TransparencyLog,
    private readonly commitments: PersonCommitments,
  ) {}

  /**
   * Appends a decision at the head of the chain, in `tx`: the transaction that decides. Who was
   * present and who recorded it go in as commitments, their names beside the log.
   */
  async appendDecision(
    tx: InChain,
    workspaceId: string,
    content: DecisionEntry,
  ): Promise<DecisionRecord> {
    const person = async (id: string, name: string) =>
      await this.commitments.person(tx, workspaceId, id, name)
    const recorder = await tx.workspaces.findParticipant(workspaceId, content.recordedBy)
    const { present, dissent, ...rest } = content
    return (await this.#append(tx, workspaceId, {
      kind: 'decision',
      ...rest,
      present: await mapInOrder(present, async ({ participantId, name, group }) => ({
        person: await person(participantId, name),
        group,
      })),
      ...(dissent
        ? {
            dissent: await mapInOrder(dissent, async ({ participantId, name, ...entry }) => ({
              person: await person(participantId, name),
              ...entry,
            })),
          }
        : {}),
      recordedBy: await person(content.recordedBy, recorder?.displayName ?? ''),
    })) as DecisionRecord
  }

  /** Appends a signed agreement, in `tx`: the transaction of its last signature. */
  async appendAgreement(
    tx: InChain,
    workspaceId: string,
    content: AgreementEntry,
  ): Promise<AgreementContentRecord> {
    return (await this.#append(tx, workspaceId, {
      kind: 'agreement',
      ...content,
    })) as AgreementContentRecord
  }

  /** Appends one party's signature, right after the agreement it signs. */
  async appendSignature(
    tx: InChain,
    workspaceId: string,
    content: SignatureEntry,
  ): Promise<SignatureRecord> {
    return (await this.#append(tx, workspaceId, {
      kind: 'signature',
      ...content,
    })) as SignatureRecord
  }

  /** Appends a change of a term's status, in the transaction that stores it. */
  async appendTermStatus(
    tx: InChain,
    workspaceId: string,
    content: TermStatusEntry,
  ): Promise<TermStatusRecord> {
    return (await this.#append(tx, workspaceId, {
      kind: 'term-status',
      ...content,
    })) as TermStatusRecord
  }

  async #append(tx: InChain, workspaceId: string, content: ChainContent): Promise<ChainRecord> {
    const last = await tx.chain.last(workspaceId)
    const unsigned = {
      ...content,
      workspaceId,
      sequence: (last?.sequence ?? 0) + 1,
      previousHash: last?.hash ?? genesisHash,
    }
    const draft = { ...unsigned, hash: '' } as ChainRecord
    const record = { ...draft, hash: recordHash(draft) }
    await tx.chain.append(record)
    await this.log.signGrowth(tx, workspaceId, 1)
    return record
  }

  /** The name shown for each person commitment in the log (none once a name is erased). */
  async people(workspaceId: string): Promise<Record<string, string>> {
    const people = (await this.commitments.reader(workspaceId))?.people() ?? []
    return Object.fromEntries(people.map((person) => [person.commitment, person.name]))
  }

  async list(workspaceId: string): Promise<ChainRecord[]> {
    return await this.stores.chain.list(workspaceId)
  }

  async decisions(workspaceId: string): Promise<DecisionRecord[]> {
    return (await this.list(workspaceId)).filter(
      (record): record is DecisionRecord => record.kind === 'decision',
    )
  }

  /**
   * Recomputes the chain from its stored rows, then the log's tree against its last signed
   * checkpoint; names the first record that does not match and the checkpoint it checked.
   */
  async verify(workspaceId: string): Promise<ChainVerification> {
    const records = await this.list(workspaceId)
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
    const { checkpoint, firstInvalid } = await this.log.audit(workspaceId, records)
    const checked = { workspaceId, checkpoint }
    if (chain.ok && firstInvalid) {
      return { ok: false, count: records.length, firstInvalid, ...checked }
    }
    return { ...chain, ...checked }
  }
}
