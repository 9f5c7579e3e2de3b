import type { Selectable } from 'kysely'
import type { DocumentTemplate, PlanDocument } from '../../../../shared/src/schema/document.js'
import type { RoomRecord } from '../../../../shared/src/schema/stored.js'
import { commentsRoomName, type RoomKind, textRoomName } from '../../../../shared/src/ydoc/rooms.js'
import { type DocumentTable, Engine, type Queries } from '../schema.js'

const toDocument = (row: Selectable<DocumentTable>): PlanDocument => ({
  id: row.id,
  workspaceId: row.workspace_id,
  title: row.title,
  template: row.template as DocumentTemplate,
  room: textRoomName(row.id),
  commentsRoom: commentsRoomName(row.id),
  archived: row.archived === 1,
  commentersMaySuggest: row.commenters_may_suggest === 1,
  createdAt: row.created_at,
  createdBy: row.created_by,
})

const roomsPerQuery = 500

/** Documents, and the rooms that hold their live state. */
export class DocumentRepository {
  constructor(private readonly q: Queries) {}

  /** Inserts the document and registers its rooms. Call inside a unit of work. */
  async insert(document: PlanDocument): Promise<void> {
    await this.q.db
      .insertInto('document')
      .values({
        id: document.id,
        workspace_id: document.workspaceId,
        title: document.title,
        template: document.template,
        archived: 0,
        created_at: document.createdAt,
        created_by: document.createdBy,
      })
      .execute()
    await this.q.db
      .insertInto('room')
      .values([
        {
          name: document.room,
          workspace_id: document.workspaceId,
          document_id: document.id,
          kind: 'doc',
        },
        {
          name: document.commentsRoom,
          workspace_id: document.workspaceId,
          document_id: document.id,
          kind: 'comments',
        },
      ])
      .execute()
  }

  async find(id: string): Promise<PlanDocument | undefined> {
    const row = await this.q.db
      .selectFrom('document')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row && toDocument(row)
  }

  async list(workspaceId: string): Promise<PlanDocument[]> {
    const rows = await this.q.db
      .selectFrom('document')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(toDocument)
  }

  async update(
    id: string,
    change: { title: string; archived: boolean; commentersMaySuggest: boolean },
  ): Promise<void> {
    await this.q.db
      .updateTable('document')
      .set({
        title: change.title,
        archived: change.archived ? 1 : 0,
        commenters_may_suggest: change.commentersMaySuggest ? 1 : 0,
      })
      .where('id', '=', id)
      .execute()
  }

  /** Registers a room that belongs to the workspace rather than to a document. */
  async insertWorkspaceRoom(name: string, workspaceId: string, kind: RoomKind): Promise<void> {
    await this.q.db
      .insertInto('room')
      .values({ name, workspace_id: workspaceId, document_id: null, kind })
      .execute()
  }

  async findRoom(name: string): Promise<RoomRecord | undefined> {
    const row = await this.q.db
      .selectFrom('room')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst()
    return (
      row && {
        name: row.name,
        workspaceId: row.workspace_id,
        documentId: row.document_id,
        kind: row.kind as RoomKind,
      }
    )
  }

  /**
   * Which of `rooms` still exist, held until the transaction ends: on PostgreSQL their rows are
   * locked FOR SHARE, so a deletion (which locks them first, `lockRoomsOfWorkspace`) either waits
   * for this transaction and then removes what it stored, or has already removed them and this
   * one finds them gone. SQLite has one writer at a time: reading them is enough.
   */
  async holdRooms(rooms: readonly string[]): Promise<Set<string>> {
    const held = new Set<string>()
    const sorted = [...new Set(rooms)].sort()
    // A few hundred at a time: both engines cap a statement's parameters.
    for (let start = 0; start < sorted.length; start += roomsPerQuery) {
      let query = this.q.db
        .selectFrom('room')
        .select('name')
        .where('name', 'in', sorted.slice(start, start + roomsPerQuery))
        .orderBy('name')
      if (this.q.engine === Engine.postgres) query = query.forShare()
      for (const row of await query.execute()) held.add(row.name)
    }
    return held
  }

  /**
   * Locks a workspace's rooms against commits until the transaction ends (PostgreSQL: FOR
   * UPDATE; a commit under way on any node finishes first), before their rows are deleted.
   */
  async lockRoomsOfWorkspace(workspaceId: string): Promise<void> {
    if (this.q.engine !== Engine.postgres) return
    await this.q.db
      .selectFrom('room')
      .select('name')
      .where('workspace_id', '=', workspaceId)
      .orderBy('name')
      .forUpdate()
      .execute()
  }

  async roomsOfWorkspace(workspaceId: string): Promise<string[]> {
    const rows = await this.q.db
      .selectFrom('room')
      .select('name')
      .where('workspace_id', '=', workspaceId)
      .execute()
    return rows.map((row) => row.name)
  }
}
