import type { AuditEntry } from '../../../../shared/src/schema/audit.js'
import type { Invite } from '../../../../shared/src/schema/invite.js'
import type { Language } from '../../../../shared/src/schema/language.js'
import type { Participant, Role, StakeholderGroup } from '../../../../shared/src/schema/people.js'
import type { NewAuditEntry, NewParticipant } from '../../../../shared/src/schema/stored.js'
import type { Workspace } from '../../../../shared/src/schema/workspace.js'

/* What the people and access need of storage, in the domain's own words (see ../ports.ts). */

export interface WorkspaceRepository {
  insertWorkspace(workspace: Workspace): Promise<void>
  findWorkspace(id: string): Promise<Workspace | undefined>
  deleteWorkspace(id: string): Promise<void>
  setLanguage(id: string, language: Language): Promise<void>
  insertParticipant(participant: NewParticipant): Promise<void>
  findByTokenHash(tokenHash: string): Promise<Participant | undefined>
  findParticipant(workspaceId: string, id: string): Promise<Participant | undefined>
  listParticipants(workspaceId: string): Promise<Participant[]>
  /** Every participant's id and display name, removed ones included. */
  everyoneNamed(workspaceId: string): Promise<[string, string][]>
  updateParticipant(id: string, change: { role: Role; group: StakeholderGroup }): Promise<void>
  removeParticipant(id: string, at: string): Promise<void>
  countFacilitators(workspaceId: string): Promise<number>
}

export interface InviteRepository {
  insert(invite: Invite): Promise<void>
  find(code: string): Promise<Invite | undefined>
  list(workspaceId: string): Promise<Invite[]>
  /** Takes one use; false when none is left. */
  use(code: string): Promise<boolean>
  revoke(code: string, at: string): Promise<void>
}

export interface AuditRepository {
  append(entry: NewAuditEntry): Promise<void>
  list(workspaceId: string): Promise<AuditEntry[]>
}
