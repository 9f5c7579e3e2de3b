import type {
  AcceptInviteBody,
  CreateInviteBody,
  Invite,
  InviteUnusable,
} from '../../../shared/src/schema/invite.js'
import type { Participant } from '../../../shared/src/schema/people.js'
import type { Workspace } from '../../../shared/src/schema/workspace.js'
import { recordAudit } from './audit.js'
import { DomainError } from './domain-error.js'
import type { Stores } from './ports.js'
import { newInviteCode } from './secrets.js'
import type { Workspaces } from './workspaces.js'

const unusable = (reason: InviteUnusable, message: string): DomainError =>
  new DomainError('gone', message, { reason })

/** Invitations into a workspace with a given role, and joining through them. */
export class Invites {
  constructor(
    private readonly stores: Stores,
    private readonly workspaces: Workspaces,
  ) {}

  create(actor: Participant, body: CreateInviteBody): Invite {
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
    this.stores.transaction((tx) => {
      tx.invites.insert(invite)
      recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'invite.created',
        target: invite.code,
        details: { role: invite.role, group: invite.group, maxUses: invite.maxUses },
      })
    })
    return invite
  }

  list(workspaceId: string): Invite[] {
    return this.stores.invites.list(workspaceId)
  }

  revoke(actor: Participant, code: string): void {
    this.stores.transaction((tx) => {
      const invite = tx.invites.find(code)
      if (!invite || invite.workspaceId !== actor.workspaceId) {
        throw new DomainError('not_found', 'no such invite in this workspace')
      }
      tx.invites.revoke(code, new Date().toISOString())
      recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'invite.revoked',
        target: code,
      })
    })
  }

  /** What a person following the link may see before joining. */
  preview(code: string): { invite: Invite; workspace: Workspace } {
    const invite = this.#usable(code)
    return { invite, workspace: this.workspaces.get(invite.workspaceId) }
  }

  accept(code: string, body: AcceptInviteBody): { participant: Participant; token: string } {
    return this.stores.transaction((tx) => {
      const invite = this.#usable(code)
      if (!tx.invites.use(code)) throw unusable('used_up', 'this invite has been used up')
      const joined = this.workspaces.addMember(tx, {
        workspaceId: invite.workspaceId,
        displayName: body.displayName,
        group: invite.group ?? body.group ?? 'citizen',
        role: invite.role,
      })
      recordAudit(tx, {
        workspaceId: invite.workspaceId,
        actorId: joined.participant.id,
        action: 'invite.accepted',
        target: code,
        details: { role: invite.role },
      })
      return joined
    })
  }

  #usable(code: string): Invite {
    const invite = this.stores.invites.find(code)
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
