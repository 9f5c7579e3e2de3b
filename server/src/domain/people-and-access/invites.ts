import type {
  AcceptInviteBody,
  CreateInviteBody,
  Invite,
  InviteUnusable,
} from '../../../../shared/src/schema/invite.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type { Workspace } from '../../../../shared/src/schema/workspace.js'
import { DomainError } from '../domain-error.js'
import type { Stores } from '../ports.js'
import { newInviteCode } from '../secrets.js'
import { recordAudit } from './audit.js'
import type { Workspaces } from './workspaces.js'

const unusable = (reason: InviteUnusable, message: string): DomainError =>
  new DomainError('gone', message, { reason })

/** Invitations into a workspace with a given role, and joining through them. */
export class Invites {
  constructor(
    private readonly stores: Stores,
    private readonly workspaces: Workspaces,
  ) {}

  async create(actor: Participant, body: CreateInviteBody): Promise<Invite> {
    const invite: Invite = {
      code: newInviteCode(),
      workspaceId: actor.workspaceId,
      role: body.role,
      group: body.group ?? null,
      maxUses: body.maxUses ?? null,
      uses: 0,
      expiresAt: body.expiresAt ? new Date(body.expiresAt).toISOString() : null,
      revokedAt: null,
      createdAt: new Date().toISOString(),
      createdBy: actor.id,
    }
    await this.stores.transaction(async (tx) => {
      await tx.invites.insert(invite)
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'invite.created',
        target: invite.code,
        details: { role: invite.role, group: invite.group, maxUses: invite.maxUses },
      })
    })
    return invite
  }

  async list(workspaceId: string): Promise<Invite[]> {
    return await this.stores.invites.list(workspaceId)
  }

  async revoke(actor: Participant, code: string): Promise<void> {
    await this.stores.transaction(async (tx) => {
      const invite = await tx.invites.find(code)
      if (!invite || invite.workspaceId !== actor.workspaceId) {
        throw new DomainError('not_found', 'no such invite in this workspace')
      }
      await tx.invites.revoke(code, new Date().toISOString())
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'invite.revoked',
        target: code,
      })
    })
  }

  /** What a person following the link may see before joining. */
  async preview(code: string): Promise<{ invite: Invite; workspace: Workspace }> {
    const invite = await this.#usable(code)
    return { invite, workspace: await this.workspaces.get(invite.workspaceId) }
  }

  async accept(
    code: string,
    body: AcceptInviteBody,
  ): Promise<{ participant: Participant; token: string }> {
    return await this.stores.transaction(async (tx) => {
      const invite = await this.#usable(code)
      if (!(await tx.invites.use(code))) throw unusable('used_up', 'this invite has been used up')
      const joined = await this.workspaces.addMember(tx, {
        workspaceId: invite.workspaceId,
        displayName: body.displayName,
        group: invite.group ?? body.group ?? 'citizen',
        role: invite.role,
      })
      await recordAudit(tx, {
        workspaceId: invite.workspaceId,
        actorId: joined.participant.id,
        action: 'invite.accepted',
        target: code,
        details: { role: invite.role },
      })
      return joined
    })
  }

  async #usable(code: string): Promise<Invite> {
    const invite = await this.stores.invites.find(code)
    if (!invite) throw new DomainError('not_found', 'no such invite')
    if (invite.revokedAt) throw unusable('revoked', 'this invite was revoked')
    if (invite.expiresAt && Date.parse(invite.expiresAt) <= Date.now()) {
      throw unusable('expired', 'this invite has expired')
    }
    if (invite.maxUses !== null && invite.uses >= invite.maxUses) {
      throw unusable('used_up', 'this invite has been used up')
    }
    return invite
  }
}
