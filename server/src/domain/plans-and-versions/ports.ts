import type { EditCounts } from '../../../../shared/src/schema/balance.js'
import type { PlanDocument } from '../../../../shared/src/schema/document.js'
import type {
  ActivityCount,
  RoomAuthorship,
  RoomRecord,
  StoredDeletion,
  StoredRoom,
  StoredWriter,
  TextEditCount,
} from '../../../../shared/src/schema/stored.js'
import type { Version } from '../../../../shared/src/schema/version.js'
import type { ProseMirrorNode } from '../../../../shared/src/ydoc/prosemirror-json.js'
import type { RoomKind } from '../../../../shared/src/ydoc/rooms.js'

/* What the plans and versions need of storage, in the domain's own words (see ../ports.ts). */

export interface DocumentRepository {
  insert(document: PlanDocument): Promise<void>
  find(id: string): Promise<PlanDocument | undefined>
  list(workspaceId: string): Promise<PlanDocument[]>
  update(
    id: string,
    change: { title: string; archived: boolean; commentersMaySuggest: boolean },
  ): Promise<void>
  insertWorkspaceRoom(name: string, workspaceId: string, kind: RoomKind): Promise<void>
  findRoom(name: string): Promise<RoomRecord | undefined>
  roomsOfWorkspace(workspaceId: string): Promise<string[]>
  /** Keeps every node's commits off the workspace's rooms until the transaction ends. */
  lockRoomsOfWorkspace(workspaceId: string): Promise<void>
}

/** The stored history of rooms, for reading a room beside its live copy and for seeding one. */
export interface RoomHistory {
  load(room: string): Promise<StoredRoom>
  /** Stores a document's first content (its seed), before anyone opens the room. */
  append(batch: readonly { room: string; update: Uint8Array }[]): Promise<unknown>
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
