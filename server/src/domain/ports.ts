import type * as Y from 'yjs'
import type { AuditEntry } from '../../../shared/src/schema/audit.js'
import type { EditCounts } from '../../../shared/src/schema/balance.js'
import type { PlanDocument } from '../../../shared/src/schema/document.js'
import type { Invite } from '../../../shared/src/schema/invite.js'
import type { Language } from '../../../shared/src/schema/language.js'
import type { Party, Signature, TermHistoryEntry } from '../../../shared/src/schema/mediation.js'
import type { Participant, Role, StakeholderGroup } from '../../../shared/src/schema/people.js'
import type { PollAnswer, StoredPoll } from '../../../shared/src/schema/poll.js'
import type { ChainRecord } from '../../../shared/src/schema/record-chain.js'
import type {
  Session,
  SessionEvent,
  SessionState,
  SessionSummary,
} from '../../../shared/src/schema/session.js'
import type {
  ActivityCount,
  AgreementContent,
  CaucusRecord,
  NewAuditEntry,
  NewParticipant,
  PublicationRecord,
  RoomAuthorship,
  RoomRecord,
  StoredAgreement,
  StoredCheckpoint,
  StoredDeletion,
  StoredRoom,
  StoredWriter,
  TextEditCount,
} from '../../../shared/src/schema/stored.js'
import type { Version } from '../../../shared/src/schema/version.js'
import type { Workspace } from '../../../shared/src/schema/workspace.js'
import type { ProseMirrorNode } from '../../../shared/src/ydoc/prosemirror-json.js'
import type { RoomKind } from '../../../shared/src/ydoc/rooms.js'

/*
 * What the domain needs of storage, in its own words. The store's classes match these shapes
 * without importing them (structural typing), so the domain names no driver and no store, and
 * another engine can stand behind the same ports.
 */

export interface WorkspaceRepository {
  insertWorkspace(workspace: Workspace): void
  findWorkspace(id: string): Workspace | undefined
  deleteWorkspace(id: string): void
  setLanguage(id: string, language: Language): void
  insertParticipant(participant: NewParticipant): void
  findByTokenHash(tokenHash: string): Participant | undefined
  findParticipant(workspaceId: string, id: string): Participant | undefined
  listParticipants(workspaceId: string): Participant[]
  /** Every participant's id and display name, removed ones included. */
  everyoneNamed(workspaceId: string): [string, string][]
  updateParticipant(id: string, change: { role: Role; group: StakeholderGroup }): void
  removeParticipant(id: string, at: string): void
  countFacilitators(workspaceId: string): number
}

export interface InviteRepository {
  insert(invite: Invite): void
  find(code: string): Invite | undefined
  list(workspaceId: string): Invite[]
  /** Takes one use; false when none is left. */
  use(code: string): boolean
  revoke(code: string, at: string): void
}

export interface DocumentRepository {
  insert(document: PlanDocument): void
  find(id: string): PlanDocument | undefined
  list(workspaceId: string): PlanDocument[]
  update(id: string, change: { title: string; archived: boolean }): void
  insertWorkspaceRoom(name: string, workspaceId: string, kind: RoomKind): void
  findRoom(name: string): RoomRecord | undefined
  roomsOfWorkspace(workspaceId: string): string[]
}

export interface AuditRepository {
  append(entry: NewAuditEntry): void
  list(workspaceId: string): AuditEntry[]
}

/** The stored history of rooms, for reading a room beside its live copy and for seeding one. */
export interface RoomHistory {
  load(room: string): StoredRoom
  append(batch: readonly { room: string; update: Uint8Array }[]): void
  delete(room: string): void
}

export interface VersionRepository {
  insert(version: Version, content: ProseMirrorNode, ydoc: Uint8Array): void
  list(documentId: string): Version[]
  find(documentId: string, id: string): { version: Version; content: ProseMirrorNode } | undefined
  /** The version's Yjs state, where it was kept. */
  ydoc(documentId: string, id: string): Uint8Array | undefined
}

export interface ActivityRepository {
  add(counts: readonly ActivityCount[], at: number): void
  addEdits(edits: readonly TextEditCount[], at: number): void
  /** Plan text edited in the workspace from `from` to `to` (ms), by the writers' groups then. */
  editsByGroup(workspaceId: string, from: number, to: number): EditCounts
  list(room: string): { participantId: string; minute: number; updates: number }[]
  deleteRoom(room: string): void
}

export interface SessionRepository {
  insert(session: Session, state: SessionState): void
  find(id: string): { session: Session; state: SessionState } | undefined
  list(workspaceId: string): SessionSummary[]
  append(sessionId: string, event: SessionEvent, state: SessionState): void
  nextSequence(sessionId: string): number
  events(sessionId: string): SessionEvent[]
}

/** A session's polls; anonymous answers are stored without anyone's id (see poll-store.ts). */
export interface PollRepository {
  insert(poll: StoredPoll): void
  find(id: string): StoredPoll | undefined
  list(sessionId: string): StoredPoll[]
  count(sessionId: string): number
  update(poll: Pick<StoredPoll, 'id' | 'spec' | 'status' | 'closedAt'>): void
  saveAnswer(
    pollId: string,
    answer: { participantId: string; name: string; group: StakeholderGroup; answer: PollAnswer },
    at: string,
  ): void
  answers(
    pollId: string,
  ): { participantId: string; name: string; group: StakeholderGroup; answer: PollAnswer }[]
  /** Records that `voter` (a keyed hash) answered; false if they had already. */
  addBallot(pollId: string, voter: string): boolean
  hasBallot(pollId: string, voter: string): boolean
  saveAnonymousAnswer(
    pollId: string,
    receipt: string,
    group: StakeholderGroup,
    answer: PollAnswer,
  ): void
  hasAnonymousAnswer(pollId: string, receipt: string): boolean
  anonymousAnswers(pollId: string): { group: StakeholderGroup; answer: PollAnswer }[]
  forgetBallots(pollId: string): void
  addIdea(pollId: string, idea: { id: string; text: string; authorId: string | null }): void
  ideas(pollId: string): string[]
}

export interface ChainRepository {
  append(record: ChainRecord): void
  list(workspaceId: string): ChainRecord[]
  /** Records `offset` to `offset + limit` in chain order. */
  page(workspaceId: string, offset: number, limit: number): ChainRecord[]
  count(workspaceId: string): number
  /** Every workspace that has a record. */
  workspaceIds(): string[]
  /** A number that changes whenever another process (an operator's tool) has written. */
  outsideWrites(): number
  last(workspaceId: string): ChainRecord | undefined
  find(id: string): ChainRecord | undefined
  /** One agreement's records (the agreement, its signatures, its follow-up), in order. */
  listForAgreement(workspaceId: string, agreementId: string): ChainRecord[]
}

/** A person the record log names by commitment, and the name shown for them. */
export interface RecordPerson {
  commitment: string
  participantId: string
  name: string
}

/** What the record log keeps outside its hashed records: its commitments' secret and names. */
export interface RecordPeopleRepository {
  secret(workspaceId: string): Uint8Array | undefined
  saveSecret(workspaceId: string, secret: Uint8Array): void
  /** Records the name shown for a commitment; the first one stays. */
  name(workspaceId: string, person: RecordPerson): void
  list(workspaceId: string): RecordPerson[]
  /** Erases the name behind a person's commitment; the records stay as they are. */
  forget(workspaceId: string, participantId: string): number
}

/** Who wrote with which Yjs client id in a room, and whose updates deleted which ranges. */
export interface AuthorshipRepository {
  record(batch: readonly RoomAuthorship[]): void
  /** Yjs client id → participant id (null once erased). */
  writers(room: string): Map<number, string | null>
  /** Yjs client id → participant id and their group when they first wrote with it. */
  writerGroups(room: string): Map<number, StoredWriter>
  deletions(room: string): StoredDeletion[]
  deleteRoom(room: string): void
}

/** The signed checkpoints of each workspace's transparency log. */
export interface CheckpointRepository {
  add(workspaceId: string, checkpoint: StoredCheckpoint): void
  latest(workspaceId: string): StoredCheckpoint | undefined
  list(workspaceId: string, fromSize: number, limit: number): StoredCheckpoint[]
}

export interface MediationRepository {
  insertParty(party: Omit<Party, 'members'>, memberIds: readonly string[]): void
  updateParty(partyId: string, sessionId: string, name: string, memberIds: readonly string[]): void
  parties(sessionId: string): Party[]
  partyOf(sessionId: string, participantId: string): string | undefined
  isMember(partyId: string, participantId: string): boolean
  insertCaucus(caucus: CaucusRecord): void
  closeCaucus(id: string, at: string): void
  findCaucus(id: string): CaucusRecord | undefined
  caucuses(sessionId: string): CaucusRecord[]
  caucusesOfParty(partyId: string): CaucusRecord[]
}

export interface AgreementRepository {
  insert(agreement: StoredAgreement): void
  /** Changes a draft; false when the agreement is no longer a draft. */
  updateDraft(id: string, content: AgreementContent, at: string): boolean
  markSigned(id: string, at: string): void
  find(id: string): StoredAgreement | undefined
  listBySession(sessionId: string): StoredAgreement[]
  listByWorkspace(workspaceId: string): StoredAgreement[]
  amendedBy(id: string): string | null
  addSignature(agreementId: string, signature: Signature): void
  /** Withdraws every signature; answers how many there were. */
  clearSignatures(agreementId: string): number
  signatures(agreementId: string): Signature[]
  addTermStatus(agreementId: string, termId: string, entry: TermHistoryEntry): void
  termHistory(agreementId: string): Map<string, TermHistoryEntry[]>
}

export interface PublicationRepository {
  upsert(publication: PublicationRecord): void
  remove(workspaceId: string): void
  ofWorkspace(workspaceId: string): PublicationRecord | undefined
  byPublicId(publicId: string): PublicationRecord | undefined
}

/** The repositories the domain works with, all in one storage (one transaction spans them). */
export interface Repositories {
  workspaces: WorkspaceRepository
  invites: InviteRepository
  documents: DocumentRepository
  audit: AuditRepository
  roomLog: RoomHistory
  versions: VersionRepository
  activity: ActivityRepository
  authorship: AuthorshipRepository
  sessions: SessionRepository
  polls: PollRepository
  chain: ChainRepository
  checkpoints: CheckpointRepository
  mediation: MediationRepository
  agreements: AgreementRepository
  publications: PublicationRepository
  /** The record log's person commitments and the names behind them (outside the log). */
  recordPeople: RecordPeopleRepository
}

/**
 * Something done to the live world (a room edit, a socket closed, news announced); a promise it
 * returns is waited for.
 */
export type Effect = () => unknown

/** What a unit of work's `work` holds: the repositories inside the transaction, and its effects. */
export interface Transaction extends Repositories {
  /**
   * Runs `effect` once the outermost transaction has committed, after the effects registered
   * before it; never if it rolls back. The promise resolves once the effect has finished; a
   * failing effect is logged, not thrown: what committed stays.
   */
  afterCommit(effect: Effect): Promise<void>
}

/**
 * The domain's one way to change storage. `work` runs in one transaction (synchronously, as
 * SQLite does; an asynchronous engine implements the same shape with `async`), and a call made
 * inside another joins it. Effects on the live world wait for the commit.
 */
export interface UnitOfWork {
  transaction<T>(work: (tx: Transaction) => T): T
}

/** Takes what deletions left in the write-ahead log off the disk. */
export interface Erasure {
  /** Resolves true once done; false if another process still blocks it (retried and logged). */
  flush(what: string): Promise<boolean>
}

/**
 * What a domain service holds: the repositories, to read outside any transaction; the unit of
 * work, to change anything; and erasure, for after a deletion has committed.
 */
export interface Stores extends Repositories, UnitOfWork {
  erasure: Erasure
}

/** What the domain may ask of the live connections, without knowing about sockets. */
export interface LiveRooms {
  /** Closes every socket of this participant (removed: they must not see another update). */
  disconnectParticipant(participantId: string, code: number, reason: string): void
  /** Closes every socket of these rooms and forgets them in memory (the rooms are gone). */
  closeRooms(rooms: readonly string[], code: number, reason: string): void
  /**
   * Commits what every room holds in memory, so the stores have the latest state. Never inside
   * a transaction: the commit must be its own, so nothing relayed can be rolled back.
   */
  commitPending(): void
  /**
   * Changes a room's document as everyone's does: committed on its own, then relayed to all.
   * Inside a unit of work, only as an effect after the commit. Made for `author` (a participant
   * id), the change is known as theirs.
   */
  edit(room: string, change: (doc: Y.Doc) => void, author?: string): Promise<void>
}
