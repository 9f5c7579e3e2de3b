import type { Database, Statement } from 'better-sqlite3'
import type { Language } from '../../../shared/src/schema/language.js'
import type { Participant, Role, StakeholderGroup } from '../../../shared/src/schema/people.js'
import type { NewParticipant } from '../../../shared/src/schema/stored.js'
import type { Workspace } from '../../../shared/src/schema/workspace.js'

export type { NewParticipant }

interface WorkspaceRow {
  id: string
  name: string
  description: string
  created_at: string
  language: string
}

interface ParticipantRow {
  id: string
  workspace_id: string
  display_name: string
  stakeholder_group: string
  role: string
  joined_at: string
}

const toWorkspace = (row: WorkspaceRow): Workspace => ({
  id: row.id,
  name: row.name,
  description: row.description,
  createdAt: row.created_at,
  language: row.language as Language,
})

// Rows are only ever written through this store, with values validated by the shared schemas.
const toParticipant = (row: ParticipantRow): Participant => ({
  id: row.id,
  workspaceId: row.workspace_id,
  displayName: row.display_name,
  group: row.stakeholder_group as StakeholderGroup,
  role: row.role as Role,
  joinedAt: row.joined_at,
})

const participantColumns = 'id, workspace_id, display_name, stakeholder_group, role, joined_at'

/** Workspaces and the people in them. Removed participants keep their row but lose their token. */
export class WorkspaceStore {
  /** Prepared once: every socket and every request looks a token up. */
  readonly #byTokenHash: Statement<[string], ParticipantRow>

  constructor(private readonly db: Database) {
    this.#byTokenHash = db.prepare(
      `SELECT ${participantColumns} FROM participant WHERE token_hash = ? AND removed_at IS NULL`,
    )
  }

  insertWorkspace(workspace: Workspace): void {
    this.db
      .prepare(
        'INSERT INTO workspace (id, name, description, created_at, language) VALUES (?, ?, ?, ?, ?)',
      )
      .run(
        workspace.id,
        workspace.name,
        workspace.description,
        workspace.createdAt,
        workspace.language,
      )
  }

  setLanguage(id: string, language: Language): void {
    this.db.prepare('UPDATE workspace SET language = ? WHERE id = ?').run(language, id)
  }

  findWorkspace(id: string): Workspace | undefined {
    const row = this.db.prepare('SELECT * FROM workspace WHERE id = ?').get(id) as
      | WorkspaceRow
      | undefined
    return row && toWorkspace(row)
  }

  deleteWorkspace(id: string): void {
    this.db.prepare('DELETE FROM workspace WHERE id = ?').run(id)
  }

  insertParticipant(participant: NewParticipant): void {
    this.db
      .prepare(
        `INSERT INTO participant (id, workspace_id, display_name, stakeholder_group, role, token_hash, joined_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        participant.id,
        participant.workspaceId,
        participant.displayName,
        participant.group,
        participant.role,
        participant.tokenHash,
        participant.joinedAt,
      )
  }

  /** The active participant holding this token hash. */
  findByTokenHash(tokenHash: string): Participant | undefined {
    const row = this.#byTokenHash.get(tokenHash)
    return row && toParticipant(row)
  }

  findParticipant(workspaceId: string, id: string): Participant | undefined {
    const row = this.db
      .prepare(
        `SELECT ${participantColumns} FROM participant
         WHERE workspace_id = ? AND id = ? AND removed_at IS NULL`,
      )
      .get(workspaceId, id) as ParticipantRow | undefined
    return row && toParticipant(row)
  }

  listParticipants(workspaceId: string): Participant[] {
    const rows = this.db
      .prepare(
        `SELECT ${participantColumns} FROM participant
         WHERE workspace_id = ? AND removed_at IS NULL ORDER BY joined_at, id`,
      )
      .all(workspaceId) as ParticipantRow[]
    return rows.map(toParticipant)
  }

  /** Every participant who ever joined, removed or not, with their name: [id, name]. */
  everyoneNamed(workspaceId: string): [string, string][] {
    const rows = this.db
      .prepare('SELECT id, display_name FROM participant WHERE workspace_id = ?')
      .all(workspaceId) as { id: string; display_name: string }[]
    return rows.map((row) => [row.id, row.display_name])
  }

  updateParticipant(id: string, change: { role: Role; group: StakeholderGroup }): void {
    this.db
      .prepare('UPDATE participant SET role = ?, stakeholder_group = ? WHERE id = ?')
      .run(change.role, change.group, id)
  }

  removeParticipant(id: string, at: string): void {
    this.db.prepare('UPDATE participant SET removed_at = ? WHERE id = ?').run(at, id)
  }

  countFacilitators(workspaceId: string): number {
    const row = this.db
      .prepare(
        `SELECT count(*) AS n FROM participant
         WHERE workspace_id = ? AND role = 'facilitator' AND removed_at IS NULL`,
      )
      .get(workspaceId) as { n: number }
    return row.n
  }
}
