import type * as Y from 'yjs'
import type { MailRepository } from './mail/ports.js'
import type { AgreementRepository, MediationRepository } from './mediation-and-agreements/ports.js'
import type { NotificationRepository } from './notifications/ports.js'
import type {
  AuditRepository,
  InviteRepository,
  SignInRepository,
  WorkspaceRepository,
} from './people-and-access/ports.js'
import type {
  ActivityRepository,
  AuthorshipRepository,
  DocumentRepository,
  RoomHistory,
  VersionRepository,
} from './plans-and-versions/ports.js'
import type {
  ChainRepository,
  CheckpointRepository,
  PublicationRepository,
  RecordPeopleRepository,
} from './records-and-publication/ports.js'
import type {
  AnonymousPositionRepository,
  PollRepository,
  SessionRepository,
} from './sessions-and-decisions/ports.js'
import type { WebhookRepository } from './webhooks/ports.js'

/*
 * What the domain needs of storage, in its own words. The store's classes match these shapes
 * without importing them (structural typing), so the domain names no driver and no store, and
 * another engine can stand behind the same ports. Each product area declares its repositories
 * in its own folder's ports.ts; they are named here too, with what spans every area.
 */

export type { MailRepository } from './mail/ports.js'
export type { AgreementRepository, MediationRepository } from './mediation-and-agreements/ports.js'
export type { NotificationRepository } from './notifications/ports.js'
export type {
  AuditRepository,
  InviteRepository,
  SignInRepository,
  WorkspaceRepository,
} from './people-and-access/ports.js'
export type {
  ActivityRepository,
  AuthorshipRepository,
  DocumentRepository,
  RoomHistory,
  VersionRepository,
} from './plans-and-versions/ports.js'
export type {
  ChainRepository,
  CheckpointRepository,
  PublicationRepository,
  RecordPeopleRepository,
  RecordPerson,
} from './records-and-publication/ports.js'
export type {
  AnonymousPositionRepository,
  PollRepository,
  SessionRepository,
} from './sessions-and-decisions/ports.js'
export type { WebhookRepository } from './webhooks/ports.js'

/** The repositories the domain works with, all in one storage (one transaction spans them). */
export interface Repositories {
  workspaces: WorkspaceRepository
  invites: InviteRepository
  /** Sign-in with an identity provider: accepted issuers, bound identities, attempts. */
  signIns: SignInRepository
  documents: DocumentRepository
  audit: AuditRepository
  roomLog: RoomHistory
  versions: VersionRepository
  activity: ActivityRepository
  authorship: AuthorshipRepository
  sessions: SessionRepository
  polls: PollRepository
  /** Positions on anonymous proposals, apart from who took them. */
  anonymousPositions: AnonymousPositionRepository
  chain: ChainRepository
  checkpoints: CheckpointRepository
  mediation: MediationRepository
  agreements: AgreementRepository
  publications: PublicationRepository
  /** The record log's person commitments and the names behind them (outside the log). */
  recordPeople: RecordPeopleRepository
  /** Each person's notifications and what they have read. */
  notifications: NotificationRepository
  /** Webhooks and their deliveries (an outbox). */
  webhooks: WebhookRepository
  /** People's e-mail addresses (personal data) and the mail outbox. */
  mail: MailRepository
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
  /**
   * When a page of the participant was last seen open in the room, on this node (now) or on
   * another (when its presence there was last renewed); undefined if none is.
   */
  pageSeen(room: string, participantId: string): Promise<number | undefined>
}
