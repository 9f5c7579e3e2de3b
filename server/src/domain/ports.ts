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
  insertWorkspace(workspace: Workspace): Promise<void>
  findWorkspace(id: string): Promise<Workspace | undefined>
  deleteWorkspace(id: string): Promise<void>
  setLanguage(id: string, language: Language): Promise<void>
  insertParticipant(participant: NewParticipant): Promise<void>
  findByTokenHash(tokenHash: string): Promise<Participant | undefined>
  findParticipant(workspaceId: string, id: string): Promise<Participant | undefined>
  listParticipants(workspaceId: string): Promise<Participant[]>
  /** Every participant's id and display name, removed ones included. */
  everyoneNamed(workspaceId: string): Promise<[string, string][]>
  updateParticipant(id: string, change: { role: Role; group: StakeholderGroup }): Promise<void>
  removeParticipant(id: string, at: string): Promise<void>
  countFacilitators(workspaceId: string): Promise<number>
}

export interface InviteRepository {
  insert(invite: Invite): Promise<void>
  find(code: string): Promise<Invite | undefined>
  list(workspaceId: string): Promise<Invite[]>
  /** Takes one use; false when none is left. */
  use(code: string): Promise<boolean>
  revoke(code: string, at: string): Promise<void>
}

export interface DocumentRepository {
  insert(document: PlanDocument): Promise<void>
  find(id: string): Promise<PlanDocument | undefined>
  list(workspaceId: string): Promise<PlanDocument[]>
  update(id: string, change: { title: string; archived: boolean }): Promise<void>
  insertWorkspaceRoom(name: string, workspaceId: string, kind: RoomKind): Promise<void>
  findRoom(name: string): Promise<RoomRecord | undefined>
  roomsOfWorkspace(workspaceId: string): Promise<string[]>
}

export interface AuditRepository {
  append(entry: NewAuditEntry): Promise<void>
  list(workspaceId: string): Promise<AuditEntry[]>
}

/** The stored history of rooms, for reading a room beside its live copy and for seeding one. */
export interface RoomHistory {
  load(room: string): Promise<StoredRoom>
  append(batch: readonly { room: string; update: Uint8Array }[]): Promise<void>
  delete(room: string): Promise<void>
}

export interface VersionRepository {
  insert(version: Version, content: ProseMirrorNode, ydoc: Uint8Array): Promise<void>
  list(documentId: string): Promise<Version[]>
  find(
    documentId: string,
    id: string,
  ): Promise<{ version: Version; content: ProseMirrorNode } | undefined>
  /** The version's Yjs state, where it was kept. */
  ydoc(documentId: string, id: string): Promise<Uint8Array | undefined>
}

export interface ActivityRepository {
  add(counts: readonly ActivityCount[], at: number): Promise<void>
  addEdits(edits: readonly TextEditCount[], at: number): Promise<void>
  /** Plan text edited in the workspace from `from` to `to` (ms), by the writers' groups then. */
  editsByGroup(workspaceId: string, from: number, to: number): Promise<EditCounts>
  list(room: string): Promise<{ participantId: string; minute: number; updates: number }[]>
  deleteRoom(room: string): Promise<void>
}

export interface SessionRepository {
  insert(session: Session, state: SessionState): Promise<void>
  find(id: string): Promise<{ session: Session; state: SessionState } | undefined>
  list(workspaceId: string): Promise<SessionSummary[]>
  append(sessionId: string, event: SessionEvent, state: SessionState): Promise<void>
  nextSequence(sessionId: string): Promise<number>
  events(sessionId: string): Promise<SessionEvent[]>
}

/** A session's polls; anonymous answers are stored without anyone's id (see poll-store.ts). */
export interface PollRepository {
  insert(poll: StoredPoll): Promise<void>
  find(id: string): Promise<StoredPoll | undefined>
  list(sessionId: string): Promise<StoredPoll[]>
  count(sessionId: string): Promise<number>
  update(poll: Pick<StoredPoll, 'id' | 'spec' | 'status' | 'closedAt'>): Promise<void>
  saveAnswer(
    pollId: string,
    answer: { participantId: string; name: string; group: StakeholderGroup; answer: PollAnswer },
    at: string,
  ): Promise<void>
  answers(
    pollId: string,
  ): Promise<{ participantId: string; name: string; group: StakeholderGroup; answer: PollAnswer }[]>
  /** Records that `voter` (a keyed hash) answered; false if they had already. */
  addBallot(pollId: string, voter: string): Promise<boolean>
  hasBallot(pollId: string, voter: string): Promise<boolean>
  saveAnonymousAnswer(
    pollId: string,
    receipt: string,
    group: StakeholderGroup,
    answer: PollAnswer,
  ): Promise<void>
  hasAnonymousAnswer(pollId: string, receipt: string): Promise<boolean>
  anonymousAnswers(pollId: string): Promise<{ group: StakeholderGroup; answer: PollAnswer }[]>
  forgetBallots(pollId: string): Promise<void>
  addIdea(
    pollId: string,
    idea: { id: string; text: string; authorId: string | null },
  ): Promise<void>
  ideas(pollId: string): Promise<string[]>
}

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

/** Who wrote with which Yjs client id in a room, and whose updates deleted which ranges. */
export interface AuthorshipRepository {
  record(batch: readonly RoomAuthorship[]): Promise<void>
  /** Yjs client id → participant id (null once erased). */
  writers(room: string): Promise<Map<number, string | null>>
  /** Yjs client id → participant id and their group when they first wrote with it. */
  writerGroups(room: string): Promise<Map<number, StoredWriter>>
  deletions(room: string): Promise<StoredDeletion[]>
  deleteRoom(room: string): Promise<void>
}

/** The signed checkpoints of each workspace's transparency log. */
export interface CheckpointRepository {
  add(workspaceId: string, checkpoint: StoredCheckpoint): Promise<void>
  latest(workspaceId: string): Promise<StoredCheckpoint | undefined>
  list(workspaceId: string, fromSize: number, limit: number): Promise<StoredCheckpoint[]>
}

export interface MediationRepository {
  insertParty(party: Omit<Party, 'members'>, memberIds: readonly string[]): Promise<void>
  updateParty(
    partyId: string,
    sessionId: string,
    name: string,
    memberIds: readonly string[],
  ): Promise<void>
  parties(sessionId: string): Promise<Party[]>
  partyOf(sessionId: string, participantId: string): Promise<string | undefined>
  isMember(partyId: string, participantId: string): Promise<boolean>
  insertCaucus(caucus: CaucusRecord): Promise<void>
  closeCaucus(id: string, at: string): Promise<void>
  findCaucus(id: string): Promise<CaucusRecord | undefined>
  caucuses(sessionId: string): Promise<CaucusRecord[]>
  caucusesOfParty(partyId: string): Promise<CaucusRecord[]>
}

export interface AgreementRepository {
  insert(agreement: StoredAgreement): Promise<void>
  /** Changes a draft; false when the agreement is no longer a draft. */
  updateDraft(id: string, content: AgreementContent, at: string): Promise<boolean>
  markSigned(id: string, at: string): Promise<void>
  find(id: string): Promise<StoredAgreement | undefined>
  listBySession(sessionId: string): Promise<StoredAgreement[]>
  listByWorkspace(workspaceId: string): Promise<StoredAgreement[]>
  amendedBy(id: string): Promise<string | null>
  addSignature(agreementId: string, signature: Signature): Promise<void>
  /** Withdraws every signature; answers how many there were. */
  clearSignatures(agreementId: string): Promise<number>
  signatures(agreementId: string): Promise<Signature[]>
  addTermStatus(agreementId: string, termId: string, entry: TermHistoryEntry): Promise<void>
  termHistory(agreementId: string): Promise<Map<string, TermHistoryEntry[]>>
}

export interface PublicationRepository {
  upsert(publication: PublicationRecord): Promise<void>
  remove(workspaceId: string): Promise<void>
  ofWorkspace(workspaceId: string): Promise<PublicationRecord | undefined>
  byPublicId(publicId: string): Promise<PublicationRecord | undefined>
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
 * The domain's one way to change storage. `work` runs in one transaction, which commits when the
 * promise it answers resolves and rolls back when it rejects. A call made inside another's
 * asynchronous context joins it as a nested part (a savepoint): a nested failure the outer work
 * catches rolls back only that part, with its effects. Effects on the live world wait for the
 * outermost commit, so `work` must never wait for one of its own effects.
 */
export interface UnitOfWork {
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>
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
  /**
   * Closes every socket of these rooms and forgets them in memory (the rooms are gone), with
   * what they held uncommitted; no commit of theirs comes after the promise resolves.
   */
  closeRooms(rooms: readonly string[], code: number, reason: string): Promise<void>
  /**
   * Commits what every room holds in memory, so the stores have the latest state. Never inside
   * a transaction: the commit must be its own, so nothing relayed can be rolled back. Resolves
   * once what the rooms held when it was called is on disk.
   */
  commitPending(): Promise<void>
  /**
   * Changes a room's document as everyone's does: committed on its own, then relayed to all.
   * Inside a unit of work, only as an effect after the commit. Made for `author` (a participant
   * id), the change is known as theirs.
   */
  edit(room: string, change: (doc: Y.Doc) => void, author?: string): Promise<void>
}
