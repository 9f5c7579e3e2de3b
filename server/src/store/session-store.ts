import type { Database } from 'better-sqlite3'
import type {
  AgendaItem,
  Session,
  SessionEvent,
  SessionKind,
  SessionState,
  SessionSummary,
} from '../../../shared/src/schema/session.js'
import { sessionRoomName } from '../../../shared/src/ydoc/session-room.js'

interface SessionRow {
  id: string
  workspace_id: string
  title: string
  kind: string
  agenda: string
  state: string
  created_by: string
  created_at: string
}

const toSession = (row: SessionRow): Session => ({
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
export class SessionStore {
  constructor(private readonly db: Database) {}

  insert(session: Session, state: SessionState): void {
    this.db
      .prepare(
        `INSERT INTO session (id, workspace_id, title, kind, agenda, state, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        session.id,
        session.workspaceId,
        session.title,
        session.kind,
        JSON.stringify(session.agenda),
        JSON.stringify(state),
        session.createdBy,
        session.createdAt,
      )
  }

  find(id: string): { session: Session; state: SessionState } | undefined {
    const row = this.db.prepare('SELECT * FROM session WHERE id = ?').get(id) as
      | SessionRow
      | undefined
    if (!row) return undefined
    const session = toSession(row)
    // States stored before the agenda could be shaped carry none: theirs is the session's own.
    const stored = JSON.parse(row.state) as Omit<SessionState, 'agenda'> & {
      agenda?: SessionState['agenda']
    }
    return { session, state: { ...stored, agenda: stored.agenda ?? session.agenda } }
  }

  list(workspaceId: string): SessionSummary[] {
    const rows = this.db
      .prepare('SELECT * FROM session WHERE workspace_id = ? ORDER BY created_at, id')
      .all(workspaceId) as SessionRow[]
    return rows.map((row) => ({
      ...toSession(row),
      status: (JSON.parse(row.state) as SessionState).status,
    }))
  }

  /** Appends the event and stores the state it led to; call inside one transaction. */
  append(sessionId: string, event: SessionEvent, state: SessionState): void {
    this.db
      .prepare('INSERT INTO session_event (session_id, sequence, event) VALUES (?, ?, ?)')
      .run(sessionId, event.sequence, JSON.stringify(event))
    this.db
      .prepare('UPDATE session SET state = ? WHERE id = ?')
      .run(JSON.stringify(state), sessionId)
  }

  /** The sequence number the next event of the session takes. */
  nextSequence(sessionId: string): number {
    const row = this.db
      .prepare(
        'SELECT coalesce(max(sequence), 0) + 1 AS next FROM session_event WHERE session_id = ?',
      )
      .get(sessionId) as { next: number }
    return row.next
  }

  events(sessionId: string): SessionEvent[] {
    const rows = this.db
      .prepare('SELECT event FROM session_event WHERE session_id = ? ORDER BY sequence')
      .all(sessionId) as { event: string }[]
    return rows.map((row) => JSON.parse(row.event) as SessionEvent)
  }
}
