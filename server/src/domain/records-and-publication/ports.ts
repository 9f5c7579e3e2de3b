import type { ChainRecord } from '../../../../shared/src/schema/record-chain.js'
import type { PublicationRecord, StoredCheckpoint } from '../../../../shared/src/schema/stored.js'

/* What the records and publication need of storage, in the domain's own words (see ../ports.ts). */

export interface ChainRepository {
  append(record: ChainRecord): Promise<void>
  list(workspaceId: string): Promise<ChainRecord[]>
  /** Records `offset` to `offset + limit` in chain order. */
  page(workspaceId: string, offset: number, limit: number): Promise<ChainRecord[]>
  count(workspaceId: string): Promise<number>
  /** Every workspace that has a record. */
  workspaceIds(): Promise<string[]>
  /** A number that changes whenever another process (an operator's tool) has written. */
  outsideWrites(): Promise<number>
  last(workspaceId: string): Promise<ChainRecord | undefined>
  find(id: string): Promise<ChainRecord | undefined>
  /** One agreement's records (the agreement, its signatures, its follow-up), in order. */
  listForAgreement(workspaceId: string, agreementId: string): Promise<ChainRecord[]>
}

/** A person the record log names by commitment, and the name shown for them. */
export interface RecordPerson {
  commitment: string
  participantId: string
  name: string
}

/** What the record log keeps outside its hashed records: its commitments' secret and names. */
export interface RecordPeopleRepository {
  secret(workspaceId: string): Promise<Uint8Array | undefined>
  saveSecret(workspaceId: string, secret: Uint8Array): Promise<void>
  /** Records the name shown for a commitment; the first one stays. */
  name(workspaceId: string, person: RecordPerson): Promise<void>
  list(workspaceId: string): Promise<RecordPerson[]>
  /** Erases the name behind a person's commitment; the records stay as they are. */
  forget(workspaceId: string, participantId: string): Promise<number>
}

/** The signed checkpoints of each workspace's transparency log. */
export interface CheckpointRepository {
  add(workspaceId: string, checkpoint: StoredCheckpoint): Promise<void>
  latest(workspaceId: string): Promise<StoredCheckpoint | undefined>
  list(workspaceId: string, fromSize: number, limit: number): Promise<StoredCheckpoint[]>
}

export interface PublicationRepository {
  upsert(publication: PublicationRecord): Promise<void>
  remove(workspaceId: string): Promise<void>
  ofWorkspace(workspaceId: string): Promise<PublicationRecord | undefined>
  byPublicId(publicId: string): Promise<PublicationRecord | undefined>
}
