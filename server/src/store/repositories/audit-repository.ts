import type { AuditAction, AuditEntry } from '../../../../shared/src/schema/audit.js'
import type { NewAuditEntry } from '../../../../shared/src/schema/stored.js'
import type { Queries } from '../schema.js'

/** The append-only record of privileged actions in a workspace. */
export class AuditRepository {
  /**
   * `appended` hears of each entry as it is written, inside the caller's unit of work (which
   * may still roll back).
   */
  constructor(
    private readonly q: Queries,
    private readonly appended: (entry: NewAuditEntry) => void = () => {},
  ) {}

  async append(entry: NewAuditEntry): Promise<void> {
    await this.q.db
      .insertInto('audit_entry')
      .values({
        workspace_id: entry.workspaceId,
        actor_id: entry.actorId,
        action: entry.action,
        target: entry.target,
        details: JSON.stringify(entry.details),
        at: entry.at,
      })
      .execute()
    this.appended(entry)
  }

  /** The entries with the names of the people they involve (removed people keep their row). */
  async list(workspaceId: string): Promise<AuditEntry[]> {
    const rows = await this.q.db
      .selectFrom('audit_entry')
      .leftJoin('participant as actor', (join) =>
        join
          .onRef('actor.id', '=', 'audit_entry.actor_id')
          .onRef('actor.workspace_id', '=', 'audit_entry.workspace_id'),
      )
      .leftJoin('participant as subject', (join) =>
        join
          .onRef('subject.id', '=', 'audit_entry.target')
          .onRef('subject.workspace_id', '=', 'audit_entry.workspace_id'),
      )
      .selectAll('audit_entry')
      .select(['actor.display_name as actor_name', 'subject.display_name as target_name'])
      .where('audit_entry.workspace_id', '=', workspaceId)
      .orderBy('audit_entry.id')
      .execute()
    return rows.map((row) => ({
      id: Number(row.id),
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
