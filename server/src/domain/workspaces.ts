import { CloseCode } from '../../../shared/src/protocol/close-code.js'
import type { AccessRule } from '../../../shared/src/schema/access-rule.js'
import type { AuditEntry } from '../../../shared/src/schema/audit.js'
import { defaultLanguage, type Language } from '../../../shared/src/schema/language.js'
import type {
  Participant,
  Role,
  StakeholderGroup,
  UpdateParticipantBody,
} from '../../../shared/src/schema/people.js'
import type {
  CreatedWorkspace,
  CreateWorkspaceBody,
  Workspace,
} from '../../../shared/src/schema/workspace.js'
import { presenceRoomName, RoomKind } from '../../../shared/src/ydoc/rooms.js'
import { recordAudit } from './audit.js'
import { DomainError } from './domain-error.js'
import type { LiveRooms, Stores, Transaction } from './ports.js'
import { hashToken, newId, newToken } from './secrets.js'
import { exportWorkspace, type WorkspaceExport } from './workspace-export.js'

export interface NewMember {
  workspaceId: string
  displayName: string
  group: StakeholderGroup
  role: Role
}

/** Workspaces and their people: creating, joining, changing roles, removing, exporting, deleting. */
export class Workspaces {
  constructor(
    private readonly stores: Stores,
    private readonly live: LiveRooms,
  ) {}

  create(body: CreateWorkspaceBody): CreatedWorkspace {
    const workspace: Workspace = {
      id: newId(),
      name: body.name,
      description: body.description ?? '',
      createdAt: new Date().toISOString(),
      language: body.language ?? defaultLanguage,
    }
    return this.stores.transaction((tx) => {
      tx.workspaces.insertWorkspace(workspace)
      tx.documents.insertWorkspaceRoom(
        presenceRoomName(workspace.id),
        workspace.id,
        RoomKind.presence,
      )
      const { participant, token } = this.addMember(tx, {
        workspaceId: workspace.id,
        displayName: body.displayName ?? 'Facilitator',
        group: body.group ?? 'government',
        role: 'facilitator',
      })
      recordAudit(tx, {
        workspaceId: workspace.id,
        actorId: participant.id,
        action: 'workspace.created',
        target: workspace.id,
        details: { name: workspace.name, language: workspace.language },
      })
      return { workspace, participant, token }
    })
  }

  /** Adds a participant, in `tx`, and returns their token, which is stored only as a hash. */
  addMember(tx: Transaction, member: NewMember): { participant: Participant; token: string } {
    const token = newToken()
    const participant: Participant = { id: newId(), ...member, joinedAt: new Date().toISOString() }
    tx.workspaces.insertParticipant({ ...participant, tokenHash: hashToken(token) })
    return { participant, token }
  }

  get(id: string): Workspace {
    const workspace = this.stores.workspaces.findWorkspace(id)
    if (!workspace) throw new DomainError('not_found', 'no such workspace')
    return workspace
  }

  /** A facilitator changes the language the workspace's artefacts are produced in from now on. */
  setLanguage(actor: Participant, language: Language): Workspace {
    return this.stores.transaction((tx) => {
      const workspace = this.get(actor.workspaceId)
      if (workspace.language === language) return workspace
      tx.workspaces.setLanguage(workspace.id, language)
      recordAudit(tx, {
        workspaceId: workspace.id,
        actorId: actor.id,
        action: 'workspace.language_changed',
        target: workspace.id,
        details: { from: workspace.language, to: language },
      })
      return { ...workspace, language }
    })
  }

  participants(workspaceId: string): Participant[] {
    return this.stores.workspaces.listParticipants(workspaceId)
  }

  updateParticipant(
    actor: Participant,
    participantId: string,
    change: UpdateParticipantBody,
  ): Participant {
    const updated = this.stores.transaction((tx) => {
      const target = this.#participant(actor.workspaceId, participantId)
      const role = change.role ?? target.role
      const group = change.group ?? target.group
      if (target.role === 'facilitator' && role !== 'facilitator') this.#keepOneFacilitator(target)
      tx.workspaces.updateParticipant(target.id, { role, group })
      if (role !== target.role) {
        recordAudit(tx, {
          workspaceId: actor.workspaceId,
          actorId: actor.id,
          action: 'participant.role_changed',
          target: target.id,
          details: { from: target.role, to: role },
        })
      }
      if (group !== target.group) {
        recordAudit(tx, {
          workspaceId: actor.workspaceId,
          actorId: actor.id,
          action: 'participant.group_changed',
          target: target.id,
          details: { from: target.group, to: group },
        })
      }
      // Open sockets carry the old permission and name: make them reconnect with the new ones.
      tx.afterCommit(() =>
        this.live.disconnectParticipant(
          target.id,
          CloseCode.permissionsChanged,
          'your role changed',
        ),
      )
      return { ...target, role, group }
    })
    return updated
  }

  remove(actor: Participant, participantId: string): void {
    this.stores.transaction((tx) => {
      const target = this.#participant(actor.workspaceId, participantId)
      if (target.role === 'facilitator') this.#keepOneFacilitator(target)
      tx.workspaces.removeParticipant(target.id, new Date().toISOString())
      recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'participant.removed',
        target: target.id,
        details: { displayName: target.displayName },
      })
      tx.afterCommit(() =>
        this.live.disconnectParticipant(
          target.id,
          CloseCode.unauthorized,
          'removed from the workspace',
        ),
      )
    })
  }

  audit(workspaceId: string): AuditEntry[] {
    return this.stores.audit.list(workspaceId)
  }

  /**
   * Everything the workspace holds, as plain JSON (recorded in the audit log); its agreements
   * and the names beside its record as the record services give them.
   */
  export(
    actor: Participant,
    record: Pick<WorkspaceExport, 'agreements' | 'people'>,
  ): WorkspaceExport {
    this.stores.transaction((tx) =>
      recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'workspace.exported',
      }),
    )
    return exportWorkspace(this.stores, this.get(actor.workspaceId), record)
  }

  /**
   * Deletes the workspace with every row and room. Resolves once nothing of it is left in any
   * file of the data directory (rows zeroed by secure_delete, the WAL checkpointed and emptied),
   * or, if another process keeps the WAL from being emptied, once that is logged and retried.
   */
  async delete(actor: Participant): Promise<void> {
    const workspaceId = actor.workspaceId
    const rooms = this.stores.documents.roomsOfWorkspace(workspaceId)
    const participants = this.participants(workspaceId)
    // What rooms hold is committed first, on its own; then the rows go, and in the same turn
    // as that commit the rooms leave memory and their sockets close, so no update of theirs
    // can come after.
    this.live.commitPending()
    const erased = this.stores.transaction((tx) => {
      for (const room of rooms) {
        tx.roomLog.delete(room)
        tx.activity.deleteRoom(room)
        tx.authorship.deleteRoom(room)
      }
      tx.workspaces.deleteWorkspace(workspaceId)
      tx.afterCommit(() =>
        this.live.closeRooms(rooms, CloseCode.roomNotFound, 'the workspace was deleted'),
      )
      for (const participant of participants) {
        tx.afterCommit(() =>
          this.live.disconnectParticipant(
            participant.id,
            CloseCode.unauthorized,
            'the workspace was deleted',
          ),
        )
      }
      return tx.afterCommit(() => this.stores.erasure.flush(`workspace ${workspaceId}`))
    })
    await erased
  }

  #participant(workspaceId: string, participantId: string): Participant {
    const participant = this.stores.workspaces.findParticipant(workspaceId, participantId)
    if (!participant) throw new DomainError('not_found', 'no such participant in this workspace')
    return participant
  }

  #keepOneFacilitator(target: Participant): void {
    if (this.stores.workspaces.countFacilitators(target.workspaceId) <= 1) {
      throw new DomainError('conflict', 'a workspace needs at least one facilitator', {
        rule: 'last_facilitator' satisfies AccessRule,
      })
    }
  }
}
