import type { Selectable } from 'kysely'
import type {
  AgendaItem,
  Session,
  SessionEvent,
  SessionKind,
  SessionState,
  SessionSummary,
} from '../../../../shared/src/schema/session.js'
import { sessionRoomName } from '../../../../shared/src/ydoc/session-room.js'
import type { Queries, SessionTable } from '../schema.js'

const toSession = (row: Selectable<SessionTable>): Session => ({
  id: row.id,
  workspaceId: row.workspace_id,
  title: row.title,
  kind: row.kind as SessionKind,
  agenda: JSON.parse(row.agenda) as AgendaItem[],
  room: sessionRoomName(row.id),
  createdBy: row.created_by,
  createdAt: row.created_at,
})

/** Sessions, their current state, and the append-only events that produced it. */
export class SessionRepository {
  constructor(private readonly q: Queries) {}

  async insert(session: Session, state: SessionState): Promise<void> {
    await this.q.db
      .insertInto('session')
      .values({
        id: session.id,
        workspace_id: session.workspaceId,
        title: session.title,
        kind: session.kind,
        agenda: JSON.stringify(session.agenda),
        state: JSON.stringify(state),
        created_by: session.createdBy,
        created_at: session.createdAt,
      })
      .execute()
  }

  async find(id: string): Promise<{ session: Session; state: SessionState } | undefined> {
    const row = await this.q.db
      .selectFrom('session')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) return undefined
    const session = toSession(row)
    // States stored before the agenda could be shaped carry none: theirs is the session's own.
    const stored = JSON.parse(row.state) as Omit<SessionState, 'agenda'> & {
      agenda?: SessionState['agenda']
    }
    return { session, state: { ...stored, agenda: stored.agenda ?? session.agenda } }
  }

  async list(workspaceId: string): Promise<SessionSummary[]> {
    const rows = await this.q.db
      .selectFrom('session')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map((row) => ({
      ...toSession(row),
      status: (JSON.parse(row.state) as SessionState).status,
    }))
  }

  /** Appends the event and stores the state it led to; call inside one unit of work. */
  async append(sessionId: string, event: SessionEvent, state: SessionState): Promise<void> {
    await this.q.db
      .insertInto('session_event')
      .values({ session_id: sessionId, sequence: event.sequence, event: JSON.stringify(event) })
      .execute()
    await this.q.db
      .updateTable('session')
      .set({ state: JSON.stringify(state) })
      .where('id', '=', sessionId)
      .execute()
  }

  /** The sequence number the next event of the session takes. */
  async nextSequence(sessionId: string): Promise<number> {
    const row = await this.q.db
      .selectFrom('session_event')
      .select((eb) => eb.fn.max('sequence').as('last'))
      .where('session_id', '=', sessionId)
      .executeTakeFirst()
    return Number(row?.last ?? 0) + 1
  }

  async events(sessionId: string): Promise<SessionEvent[]> {
    const rows = await this.q.db
      .selectFrom('session_event')
      .select('event')
      .where('session_id', '=', sessionId)
      .orderBy('sequence')
      .execute()
    return rows.map((row) => JSON.parse(row.event) as SessionEvent)
  }
}
