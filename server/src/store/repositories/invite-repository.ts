import type { Selectable } from 'kysely'
import type { Invite } from '../../../../shared/src/schema/invite.js'
import type { Role, StakeholderGroup } from '../../../../shared/src/schema/people.js'
import type { InviteTable, Queries } from '../schema.js'

const toInvite = (row: Selectable<InviteTable>): Invite => ({
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

export class InviteRepository {
  constructor(private readonly q: Queries) {}

  async insert(invite: Invite): Promise<void> {
    await this.q.db
      .insertInto('invite')
      .values({
        code: invite.code,
        workspace_id: invite.workspaceId,
        role: invite.role,
        stakeholder_group: invite.group,
        max_uses: invite.maxUses,
        uses: 0,
        expires_at: invite.expiresAt,
        revoked_at: null,
        created_at: invite.createdAt,
        created_by: invite.createdBy,
      })
      .execute()
  }

  async find(code: string): Promise<Invite | undefined> {
    const row = await this.q.db
      .selectFrom('invite')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst()
    return row && toInvite(row)
  }

  async list(workspaceId: string): Promise<Invite[]> {
    const rows = await this.q.db
      .selectFrom('invite')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .orderBy('code')
      .execute()
    return rows.map(toInvite)
  }

  /** Counts one use unless the invite is used up; answers whether it was counted. */
  async use(code: string): Promise<boolean> {
    const result = await this.q.db
      .updateTable('invite')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('code', '=', code)
      .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
      .executeTakeFirst()
    return result.numUpdatedRows === 1n
  }

  async revoke(code: string, at: string): Promise<void> {
    await this.q.db
      .updateTable('invite')
      .set({ revoked_at: at })
      .where('code', '=', code)
      .where('revoked_at', 'is', null)
      .execute()
  }
}
