import type { Database } from 'better-sqlite3'
import type * as Y from 'yjs'
import type { ActivityStore } from '../store/activity-store.js'
import type { AgreementStore } from '../store/agreement-store.js'
import type { AuditStore } from '../store/audit-store.js'
import type { ChainStore } from '../store/chain-store.js'
import type { CheckpointStore } from '../store/checkpoint-store.js'
import type { DocumentStore } from '../store/document-store.js'
import type { Erasure } from '../store/erasure.js'
import type { InviteStore } from '../store/invite-store.js'
import type { MediationStore } from '../store/mediation-store.js'
import type { PublicationStore } from '../store/publication-store.js'
import type { RoomLog } from '../store/room-log.js'
import type { SessionStore } from '../store/session-store.js'
import type { VersionStore } from '../store/version-store.js'
import type { WorkspaceStore } from '../store/workspace-store.js'

/** The stores the domain works with, sharing one database for transactions across them. */
export interface Stores {
  db: Database
  workspaces: WorkspaceStore
  invites: InviteStore
  documents: DocumentStore
  audit: AuditStore
  roomLog: RoomLog
  versions: VersionStore
  activity: ActivityStore
  sessions: SessionStore
  chain: ChainStore
  /** The signed checkpoints of each workspace's transparency log. */
  checkpoints: CheckpointStore
  mediation: MediationStore
  agreements: AgreementStore
  publications: PublicationStore
  /** Takes what deletions left in the write-ahead log off the disk. */
  erasure: Erasure
}

/** What the domain may ask of the live connections, without knowing about sockets. */
export interface LiveRooms {
  /** Closes every socket of this participant (removed: they must not see another update). */
  disconnectParticipant(participantId: string, code: number, reason: string): void
  /** Closes every socket of these rooms and forgets them in memory (the rooms are gone). */
  closeRooms(rooms: readonly string[], code: number, reason: string): void
  /** Commits what every room holds in memory, so the stores have the latest state. */
  commitPending(): void
  /** Changes a room's document as everyone's does: committed, then relayed to all. */
  edit(room: string, change: (doc: Y.Doc) => void): Promise<void>
}
