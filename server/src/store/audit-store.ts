import type { Database } from 'better-sqlite3'
import type { AuditAction, AuditEntry } from '../../../shared/src/schema/audit.js'

interface AuditRow {
  id: number
  workspace_id: string
  actor_id: string | null
  action: string
  target: string | null
  details: string
  at: string
}

/** The append-only record of privileged actions in a workspace. */
export class AuditStore {
  constructor(private readonly db: Database) {}

  append(entry: Omit<AuditEntry, 'id'>): void {
    this.db
      .prepare(
        'INSERT INTO audit_entry (workspace_id, actor_id, action, target, details, at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        entry.workspaceId,
        entry.actorId,
        entry.action,
        entry.target,
        JSON.stringify(entry.details),
        entry.at,
      )
  }

  list(workspaceId: string): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM audit_entry WHERE workspace_id = ? ORDER BY id')
      .all(workspaceId) as AuditRow[]
    return rows.map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      actorId: row.actor_id,
      action: row.action as AuditAction,
      target: row.target,
      details: JSON.parse(row.details) as Record<string, unknown>,
      at: row.at,
    }))
  }
}
