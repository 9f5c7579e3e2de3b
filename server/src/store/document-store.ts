import type { Database, Statement } from 'better-sqlite3'
import type { DocumentTemplate, PlanDocument } from '../../../shared/src/schema/document.js'
import type { RoomRecord } from '../../../shared/src/schema/stored.js'
import { commentsRoomName, type RoomKind, textRoomName } from '../../../shared/src/ydoc/rooms.js'

export type { RoomRecord }

interface DocumentRow {
  id: string
  workspace_id: string
  title: string
  template: string
  archived: number
  created_at: string
  created_by: string
}

const toDocument = (row: DocumentRow): PlanDocument => ({
  id: row.id,
  workspaceId: row.workspace_id,
  title: row.title,
  template: row.template as DocumentTemplate,
  room: textRoomName(row.id),
  commentsRoom: commentsRoomName(row.id),
  archived: row.archived === 1,
  createdAt: row.created_at,
  createdBy: row.created_by,
})

interface RoomRow {
  name: string
  workspace_id: string
  document_id: string | null
  kind: string
}

/** Documents, and the rooms that hold their live state. */
export class DocumentStore {
  /** Prepared once: every socket looks its room up. */
  readonly #roomByName: Statement<[string], RoomRow>

  constructor(private readonly db: Database) {
    this.#roomByName = db.prepare('SELECT * FROM room WHERE name = ?')
  }

  /** Inserts the document and registers its rooms. Call inside a transaction. */
  insert(document: PlanDocument): void {
    this.db
      .prepare(
        `INSERT INTO document (id, workspace_id, title, template, archived, created_at, created_by)
         VALUES (?, ?, ?, ?, 0, ?, ?)`,
      )
      .run(
        document.id,
        document.workspaceId,
        document.title,
        document.template,
        document.createdAt,
        document.createdBy,
      )
    const insertRoom = this.db.prepare(
      'INSERT INTO room (name, workspace_id, document_id, kind) VALUES (?, ?, ?, ?)',
    )
    insertRoom.run(document.room, document.workspaceId, document.id, 'doc')
    insertRoom.run(document.commentsRoom, document.workspaceId, document.id, 'comments')
  }

  find(id: string): PlanDocument | undefined {
    const row = this.db.prepare('SELECT * FROM document WHERE id = ?').get(id) as
      | DocumentRow
      | undefined
    return row && toDocument(row)
  }

  list(workspaceId: string): PlanDocument[] {
    const rows = this.db
      .prepare('SELECT * FROM document WHERE workspace_id = ? ORDER BY created_at, id')
      .all(workspaceId) as DocumentRow[]
    return rows.map(toDocument)
  }

  update(id: string, change: { title: string; archived: boolean }): void {
    this.db
      .prepare('UPDATE document SET title = ?, archived = ? WHERE id = ?')
      .run(change.title, change.archived ? 1 : 0, id)
  }

  /** Registers a room that belongs to the workspace rather than to a document. */
  insertWorkspaceRoom(name: string, workspaceId: string, kind: RoomKind): void {
    this.db
      .prepare('INSERT INTO room (name, workspace_id, document_id, kind) VALUES (?, ?, NULL, ?)')
      .run(name, workspaceId, kind)
  }

  findRoom(name: string): RoomRecord | undefined {
    const row = this.#roomByName.get(name)
    return (
      row && {
        name: row.name,
        workspaceId: row.workspace_id,
        documentId: row.document_id,
        kind: row.kind as RoomKind,
      }
    )
  }

  roomsOfWorkspace(workspaceId: string): string[] {
    const rows = this.db
      .prepare('SELECT name FROM room WHERE workspace_id = ?')
      .all(workspaceId) as { name: string }[]
    return rows.map((row) => row.name)
  }
}
