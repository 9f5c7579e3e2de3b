import type { Database } from 'better-sqlite3'
import type { Invite } from '../../../shared/src/schema/invite.js'
import type { Role, StakeholderGroup } from '../../../shared/src/schema/people.js'

interface InviteRow {
  code: string
  workspace_id: string
  role: string
  stakeholder_group: string | null
  max_uses: number | null
  uses: number
  expires_at: string | null
  revoked_at: string | null
  created_at: string
  created_by: string
}

const toInvite = (row: InviteRow): Invite => ({
  code: row.code,
  workspaceId: row.workspace_id,
  role: row.role as Role,
  group: row.stakeholder_group as StakeholderGroup | null,
  maxUses: row.max_uses,
  uses: row.uses,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  createdAt: row.created_at,
  createdBy: row.created_by,
})

export class InviteStore {
  constructor(private readonly db: Database) {}

  insert(invite: Invite): void {
    this.db
      .prepare(
        `INSERT INTO invite (code, workspace_id, role, stakeholder_group, max_uses, uses, expires_at, revoked_at, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, 0, ?, NULL, ?, ?)`,
      )
      .run(
        invite.code,
        invite.workspaceId,
        invite.role,
        invite.group,
        invite.maxUses,
        invite.expiresAt,
        invite.createdAt,
        invite.createdBy,
      )
  }

  find(code: string): Invite | undefined {
    const row = this.db.prepare('SELECT * FROM invite WHERE code = ?').get(code) as
      | InviteRow
      | undefined
    return row && toInvite(row)
  }

  list(workspaceId: string): Invite[] {
    const rows = this.db
      .prepare('SELECT * FROM invite WHERE workspace_id = ? ORDER BY created_at, code')
      .all(workspaceId) as InviteRow[]
    return rows.map(toInvite)
  }

  /** Counts one use unless the invite is used up; answers whether it was counted. */
  use(code: string): boolean {
    const result = this.db
      .prepare(
        'UPDATE invite SET uses = uses + 1 WHERE code = ? AND (max_uses IS NULL OR uses < max_uses)',
      )
      .run(code)
    return result.changes === 1
  }

  revoke(code: string, at: string): void {
    this.db
      .prepare('UPDATE invite SET revoked_at = ? WHERE code = ? AND revoked_at IS NULL')
      .run(at, code)
  }
}
