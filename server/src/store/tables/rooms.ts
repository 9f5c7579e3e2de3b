import type { Generated } from 'kysely'

/* The rooms: their update log, snapshots and commit numbers, and who wrote or deleted what in them. */

export interface RoomTable {
  name: string
  workspace_id: string
  document_id: string | null
  kind: string
}

export interface RoomUpdateTable {
  id: Generated<number>
  room: string
  data: Uint8Array
  /** The node that numbered it ('' before nodes numbered their own). */
  node: string
  /** Its number among that node's commits of the room (NULL on rows from before numbering). */
  seq: number | null
}

export interface RoomSnapshotTable {
  room: string
  data: Uint8Array
  compacted_at: number
  /** JSON: each node's last commit number folded into it (`CommitHeads`). */
  heads: string
}

/** The last commit number each node has given in each room. */
export interface RoomHeadTable {
  room: string
  node: string
  seq: number
}

export interface RoomActivityTable {
  room: string
  participant_id: string
  minute: number
  updates: number
}

export interface RoomEditTable {
  room: string
  participant_id: string
  stakeholder_group: string
  minute: number
  added: number
  removed: number
}

export interface RoomWriterTable {
  room: string
  client: number
  participant_id: string | null
  stakeholder_group: string | null
}

export interface RoomDeletionTable {
  room: string
  client: number
  clock: number
  length: number
  participant_id: string | null
}

export interface RoomTables {
  room: RoomTable
  room_update: RoomUpdateTable
  room_snapshot: RoomSnapshotTable
  room_head: RoomHeadTable
  room_activity: RoomActivityTable
  room_edit: RoomEditTable
  room_writer: RoomWriterTable
  room_deletion: RoomDeletionTable
}
