import type { Database } from 'better-sqlite3'
import type { AuditAction, AuditEntry } from '../../../shared/src/schema/audit.js'
import type { NewAuditEntry } from '../../../shared/src/schema/stored.js'

export type { NewAuditEntry }

interface AuditRow {
  id: number
  workspace_id: string
  actor_id: string | null
  actor_name: string | null
  action: string
  target: string | null
  target_name: string | null
  details: string
  at: string
}

/** The append-only record of privileged actions in a workspace. */
export class AuditStore {
  /**
   * `appended` hears of each entry as it is written, inside the caller's transaction (which
   * may still roll back).
   */
  constructor(
    private readonly db: Database,
    private readonly appended: (entry: NewAuditEntry) => void = () => {},
  ) {}

  append(entry: NewAuditEntry): void {
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
    this.appended(entry)
  }

  /** The entries with the names of the people they involve (removed people keep their row). */
  list(workspaceId: string): AuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT audit_entry.*, actor.display_name AS actor_name, subject.display_name AS target_name
         FROM audit_entry
         LEFT JOIN participant AS actor
           ON actor.id = audit_entry.actor_id AND actor.workspace_id = audit_entry.workspace_id
         LEFT JOIN participant AS subject
           ON subject.id = audit_entry.target AND subject.workspace_id = audit_entry.workspace_id
         WHERE audit_entry.workspace_id = ? ORDER BY audit_entry.id`,
      )
      .all(workspaceId) as AuditRow[]
    return rows.map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action as AuditAction,
      target: row.target,
      targetName: row.target_name,
      details: JSON.parse(row.details) as Record<string, unknown>,
      at: row.at,
    }))
  }
}
