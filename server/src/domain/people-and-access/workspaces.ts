import { CloseCode } from '../../../../shared/src/protocol/close-code.js'
import type { AccessRule } from '../../../../shared/src/schema/access-rule.js'
import type { AuditEntry } from '../../../../shared/src/schema/audit.js'
import { defaultLanguage, type Language } from '../../../../shared/src/schema/language.js'
import type {
  Participant,
  Role,
  StakeholderGroup,
  UpdateParticipantBody,
} from '../../../../shared/src/schema/people.js'
import type {
  CreatedWorkspace,
  CreateWorkspaceBody,
  Workspace,
} from '../../../../shared/src/schema/workspace.js'
import { presenceRoomName, RoomKind } from '../../../../shared/src/ydoc/rooms.js'
import { DomainError } from '../domain-error.js'
import type { LiveRooms, Stores, Transaction } from '../ports.js'
import {
  exportWorkspace,
  type WorkspaceExport,
} from '../records-and-publication/workspace-export.js'
import { hashToken, newId, newToken } from '../secrets.js'
import { recordAudit } from './audit.js'

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

  async create(body: CreateWorkspaceBody): Promise<CreatedWorkspace> {
    const workspace: Workspace = {
      id: newId(),
      name: body.name,
      description: body.description ?? '',
      createdAt: new Date().toISOString(),
      language: body.language ?? defaultLanguage,
    }
    return await this.stores.transaction(async (tx) => {
      await tx.workspaces.insertWorkspace(workspace)
      await tx.documents.insertWorkspaceRoom(
        presenceRoomName(workspace.id),
        workspace.id,
        RoomKind.presence,
      )
      const { participant, token } = await this.addMember(tx, {
        workspaceId: workspace.id,
        displayName: body.displayName ?? 'Facilitator',
        group: body.group ?? 'government',
        role: 'facilitator',
      })
      await recordAudit(tx, {
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
  async addMember(
    tx: Transaction,
    member: NewMember,
  ): Promise<{ participant: Participant; token: string }> {
    const token = newToken()
    const participant: Participant = { id: newId(), ...member, joinedAt: new Date().toISOString() }
    await tx.workspaces.insertParticipant({ ...participant, tokenHash: hashToken(token) })
    return { participant, token }
  }

  async get(id: string): Promise<Workspace> {
    const workspace = await this.stores.workspaces.findWorkspace(id)
    if (!workspace) throw new DomainError('not_found', 'no such workspace')
    return workspace
  }

  /** A facilitator changes the language the workspace's artefacts are produced in from now on. */
  async setLanguage(actor: Participant, language: Language): Promise<Workspace> {
    return await this.stores.transaction(async (tx) => {
      const workspace = await this.get(actor.workspaceId)
      if (workspace.language === language) return workspace
      await tx.workspaces.setLanguage(workspace.id, language)
      await recordAudit(tx, {
        workspaceId: workspace.id,
        actorId: actor.id,
        action: 'workspace.language_changed',
        target: workspace.id,
        details: { from: workspace.language, to: language },
      })
      return { ...workspace, language }
    })
  }

  async participants(workspaceId: string): Promise<Participant[]> {
    return await this.stores.workspaces.listParticipants(workspaceId)
  }

  async updateParticipant(
    actor: Participant,
    participantId: string,
    change: UpdateParticipantBody,
  ): Promise<Participant> {
    const updated = await this.stores.transaction(async (tx) => {
      const target = await this.#participant(actor.workspaceId, participantId)
      const role = change.role ?? target.role
      const group = change.group ?? target.group
      if (target.role === 'facilitator' && role !== 'facilitator')
        await this.#keepOneFacilitator(target)
      await tx.workspaces.updateParticipant(target.id, { role, group })
      if (role !== target.role) {
        await recordAudit(tx, {
          workspaceId: actor.workspaceId,
          actorId: actor.id,
          action: 'participant.role_changed',
          target: target.id,
          details: { from: target.role, to: role },
        })
      }
      if (group !== target.group) {
        // A suggestion made offline under the old group is still theirs when it arrives.
        await tx.workspaces.rememberEarlierIdentity(target.id, target, new Date().toISOString())
        await recordAudit(tx, {
          workspaceId: actor.workspaceId,
          actorId: actor.id,
          action: 'participant.group_changed',
          target: target.id,
          details: { from: target.group, to: group },
        })
      }
      // Open sockets carry the old permission and name: make them reconnect with the new ones.
      void tx.afterCommit(() =>
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

  async remove(actor: Participant, participantId: string): Promise<void> {
    await this.stores.transaction(async (tx) => {
      const target = await this.#participant(actor.workspaceId, participantId)
      if (target.role === 'facilitator') await this.#keepOneFacilitator(target)
      await tx.workspaces.removeParticipant(target.id, new Date().toISOString())
      // Their e-mail address is personal data: it goes with them, with what was queued for it.
      await tx.mail.forget(target.id)
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'participant.removed',
        target: target.id,
        details: { displayName: target.displayName },
      })
      void tx.afterCommit(() =>
        this.live.disconnectParticipant(
          target.id,
          CloseCode.unauthorized,
          'removed from the workspace',
        ),
      )
    })
  }

  async audit(workspaceId: string): Promise<AuditEntry[]> {
    return await this.stores.audit.list(workspaceId)
  }

  /**
   * Everything the workspace holds, as plain JSON (recorded in the audit log); its agreements
   * and the names beside its record as the record services give them.
   */
  async export(
    actor: Participant,
    record: Pick<WorkspaceExport, 'agreements' | 'people'>,
  ): Promise<WorkspaceExport> {
    await this.stores.transaction(
      async (tx) =>
        await recordAudit(tx, {
          workspaceId: actor.workspaceId,
          actorId: actor.id,
          action: 'workspace.exported',
        }),
    )
    return await exportWorkspace(this.stores, await this.get(actor.workspaceId), record)
  }

  /**
   * Deletes the workspace with every row and room. Resolves once nothing of it is left in any
   * file of the data directory (rows zeroed by secure_delete, the WAL checkpointed and emptied),
   * or, if another process keeps the WAL from being emptied, once that is logged and retried.
   */
  async delete(actor: Participant): Promise<void> {
    const workspaceId = actor.workspaceId
    const rooms = await this.stores.documents.roomsOfWorkspace(workspaceId)
    const participants = await this.participants(workspaceId)
    // What rooms hold is committed first, on its own; then the rows go, and in the same turn
    // as that commit the rooms leave memory and their sockets close, so no update of theirs
    // can be taken after.
    await this.live.commitPending()
    // Waited for once the transaction is over: its own work must never wait for its effects.
    let erased: Promise<void> = Promise.resolve()
    await this.stores.transaction(async (tx) => {
      // First: a commit any node has under way for these rooms ends before their rows go, and
      // one that comes after finds the rooms gone and stores nothing (see the rooms' append).
      await tx.documents.lockRoomsOfWorkspace(workspaceId)
      await this.#forgetRooms(tx, rooms)
      await tx.workspaces.deleteWorkspace(workspaceId)
      erased = tx.afterCommit(async () => {
        await this.live.closeRooms(rooms, CloseCode.roomNotFound, 'the workspace was deleted')
        // A commit already under way as the rows went may have stored some of their updates
        // after them; once `closeRooms` resolves none can come, so what it left goes too.
        await this.stores.transaction((again) => this.#forgetRooms(again, rooms))
        await this.stores.erasure.flush(`workspace ${workspaceId}`)
      })
      for (const participant of participants) {
        void tx.afterCommit(() =>
          this.live.disconnectParticipant(
            participant.id,
            CloseCode.unauthorized,
            'the workspace was deleted',
          ),
        )
      }
    })
    await erased
  }

  /** Deletes what rooms stored: their updates, activity and authorship. */
  async #forgetRooms(tx: Transaction, rooms: readonly string[]): Promise<void> {
    for (const room of rooms) {
      await tx.roomLog.delete(room)
      await tx.activity.deleteRoom(room)
      await tx.authorship.deleteRoom(room)
    }
  }

  async #participant(workspaceId: string, participantId: string): Promise<Participant> {
    const participant = await this.stores.workspaces.findParticipant(workspaceId, participantId)
    if (!participant) throw new DomainError('not_found', 'no such participant in this workspace')
    return participant
  }

  async #keepOneFacilitator(target: Participant): Promise<void> {
    if ((await this.stores.workspaces.countFacilitators(target.workspaceId)) <= 1) {
      throw new DomainError('conflict', 'a workspace needs at least one facilitator', {
        rule: 'last_facilitator' satisfies AccessRule,
      })
    }
  }
}
