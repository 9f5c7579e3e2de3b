import type { RoomKind } from '../ydoc/rooms.js'
import type { AuditEntry } from './audit.js'
import type { Language } from './language.js'
import type { MailChoices } from './mail.js'
import type { AgreementParty, AgreementStatus, AgreementTerm, CaucusStatus } from './mediation.js'
import type { NotificationKind, NotificationPlace } from './notification.js'
import type { Role, StakeholderGroup } from './people.js'
import type { WebhookEvent } from './webhook.js'

/**
 * Records as the server stores them, before what is derived for readers is added. The store
 * writes and reads them, the domain works with them: one definition that neither owns.
 */

/** What a signer reads: fixed once the agreement is signed. */
export interface AgreementContent {
  title: string
  preamble: string
  parties: AgreementParty[]
  terms: AgreementTerm[]
  /** Absent for agreements drafted before workspaces had a language. */
  language?: Language
}

/** An agreement row as stored, before signatures, follow-up and derived fields are added. */
export interface StoredAgreement extends AgreementContent {
  id: string
  workspaceId: string
  sessionId: string
  amends: string | null
  status: AgreementStatus
  createdBy: string
  createdAt: string
  updatedAt: string
  signedAt: string | null
}

/** A caucus as stored; who may enter is decided in the domain. */
export interface CaucusRecord {
  id: string
  sessionId: string
  partyId: string
  partyName: string
  title: string | null
  room: string
  notesRoom: string
  status: CaucusStatus
  mediatorId: string
  openedAt: string
  closedAt: string | null
}

/** A room the server knows, and what it belongs to. */
export interface RoomRecord {
  name: string
  workspaceId: string
  documentId: string | null
  kind: RoomKind
}

export interface PublicationRecord {
  workspaceId: string
  publicId: string
  anonymised: boolean
  publishedAt: string
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'actorName' | 'targetName'>

export interface NewParticipant {
  id: string
  workspaceId: string
  displayName: string
  group: StakeholderGroup
  role: Role
  tokenHash: string
  joinedAt: string
}

/** Updates of one room by one participant, counted into the minute they were made. */
export interface ActivityCount {
  room: string
  participantId: string
  updates: number
}

/** Characters of text one participant added and removed in a room, in one commit. */
export interface TextEditCount {
  room: string
  participantId: string
  added: number
  removed: number
}

/** What a room's stored history amounts to: apply `updates` in order to rebuild the document. */
export interface StoredRoom {
  updates: Uint8Array[]
  /** Rows in the log after the snapshot, and their bytes. */
  logLength: number
  logBytes: number
  /** Bytes of snapshot plus log: the document's stored size. */
  storedBytes: number
}

/** A range of one Yjs client's clocks that one participant's update deleted. */
export interface DeletedRange {
  participantId: string
  client: number
  clock: number
  length: number
}

/** What one committed update of a room says about who wrote it. */
export interface RoomAuthorship {
  room: string
  /** Yjs client ids first written with in this update, and by whom. */
  writers: readonly (readonly [client: number, participantId: string])[]
  deletions: readonly DeletedRange[]
}

/** Who wrote with a client id, and their group then (null: written before groups were kept). */
export interface StoredWriter {
  participantId: string | null
  group: string | null
}

/** A stored deletion; `participantId` is null once that participant's record was erased. */
export type StoredDeletion = Omit<DeletedRange, 'participantId'> & { participantId: string | null }

/** One signed checkpoint of a workspace's log, as stored. */
export interface StoredCheckpoint {
  size: number
  /** The tree's root hash, base64. */
  root: string
  /** The C2SP signed note, exactly as served. */
  note: string
  signedAt: string
}

/** A notification for one person, as the domain hands it to the store. */
export interface NewNotification {
  workspaceId: string
  participantId: string
  kind: NotificationKind
  place: NotificationPlace
  actorName: string | null
  subject: string
  /**
   * What it is about, once per person (`comment:<id>`, `term-due:<agreement>:<term>`): a second
   * notification with the same key for the same person is not stored, so a sweep may repeat.
   */
  key: string
  createdAt: string
}

/** A webhook as stored, with its signing secret (never shown again after registration). */
export interface StoredWebhook {
  id: string
  workspaceId: string
  url: string
  events: WebhookEvent[]
  secret: string
  createdBy: string
  createdAt: string
}

/** A delivery waiting to be sent: what the sender needs, besides its log entry. */
export interface DueDelivery {
  id: string
  webhookId: string
  url: string
  /** Every secret that signs it now: the hook's, and the one it replaced while that still holds. */
  secrets: string[]
  payload: string
  attempts: number
  /** When this attempt fell due (ms): what a claim compares. */
  dueAt: number
}

/** A delivery as an event queues it, due at `dueAt` (ms). */
export interface NewDelivery {
  id: string
  webhookId: string
  event: WebhookEvent
  payload: string
  createdAt: string
  dueAt: number
}

/** What one attempt gave: delivered, pending again at `nextAt` (ms), or failed for good. */
export interface DeliveryAttempt {
  status: 'delivered' | 'pending' | 'failed'
  attempts: number
  lastStatus: number | null
  lastError: string | null
  nextAt: number | null
  at: string
}

/** A sign-in with the identity provider under way, as its callback finds it. */
export interface SignInAttempt {
  workspaceId: string
  issuer: string
  state: string
  nonce: string
  codeVerifier: string
  inviteCode: string | null
  displayName: string | null
  group: StakeholderGroup | null
  /** Milliseconds since the epoch. */
  createdAt: number
}

/** Why a mail is sent: to check an address, to tell of one notification, or the day's digest. */
export type MailKind = 'verification' | 'notice' | 'digest'

/** A person's address, as stored: personal data, read by nobody but its owner and the sender. */
export interface StoredMailAddress {
  participantId: string
  workspaceId: string
  address: string
  /** The server's public origin when the address was added (PUBLIC_URL, or the request's). */
  linkBase: string
  /** Keys the unsubscribe links' signatures; new with each address, so old links die with it. */
  secret: string
  /** SHA-256 of the verification link's token; kept after use, to tell a reused link. */
  verifyHash: string
  verifyExpiresAt: number
  verifiedAt: string | null
  choices: MailChoices
  /** The newest notification a digest has told of (by id). */
  digestAfter: number
  digestAt: string | null
}

/** A rendered mail: both parts and the headers it needs (List-Unsubscribe…). */
export interface MailMessage {
  subject: string
  text: string
  html: string
  headers: Record<string, string>
}

export interface NewMail {
  id: string
  participantId: string
  kind: MailKind
  to: string
  message: MailMessage
  createdAt: string
  dueAt: number
}

export interface DueMail {
  id: string
  to: string
  message: MailMessage
  attempts: number
  dueAt: number
}

export interface MailAttempt {
  status: 'sent' | 'pending' | 'failed'
  attempts: number
  lastError: string | null
  nextAt: number | null
  at: string
}
