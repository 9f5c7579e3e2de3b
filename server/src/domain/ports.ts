import type { Database } from 'better-sqlite3'
import type { AuditStore } from '../store/audit-store.js'
import type { DocumentStore } from '../store/document-store.js'
import type { InviteStore } from '../store/invite-store.js'
import type { RoomLog } from '../store/room-log.js'
import type { WorkspaceStore } from '../store/workspace-store.js'

/** The stores the domain works with, sharing one database for transactions across them. */
export interface Stores {
  db: Database
  workspaces: WorkspaceStore
  invites: InviteStore
  documents: DocumentStore
  audit: AuditStore
  roomLog: RoomLog
}

/** What the domain may ask of the live connections, without knowing about sockets. */
export interface LiveRooms {
  /** Closes every socket of this participant (removed: they must not see another update). */
  disconnectParticipant(participantId: string, code: number, reason: string): void
  /** Closes every socket of these rooms and forgets them in memory (the rooms are gone). */
  closeRooms(rooms: readonly string[], code: number, reason: string): void
}
