import type { CompiledQuery } from 'kysely'
import type { Language } from '../../../../shared/src/schema/language.js'
import type {
  NameAndGroup,
  Participant,
  Role,
  StakeholderGroup,
} from '../../../../shared/src/schema/people.js'
import type { NewParticipant } from '../../../../shared/src/schema/stored.js'
import type { Workspace } from '../../../../shared/src/schema/workspace.js'
import type { Queries } from '../schema.js'

const participantColumns = [
  'id',
  'workspace_id',
  'display_name',
  'stakeholder_group',
  'role',
  'joined_at',
] as const

interface ParticipantRow {
  id: string
  workspace_id: string
  display_name: string
  stakeholder_group: string
  role: string
  joined_at: string
}

// Rows are only ever written through this store, with values validated by the shared schemas.
const toParticipant = (row: ParticipantRow): Participant => ({
  id: row.id,
  workspaceId: row.workspace_id,
  displayName: row.display_name,
  group: row.stakeholder_group as StakeholderGroup,
  role: row.role as Role,
  joinedAt: row.joined_at,
})

/** Where the token hash goes in the compiled token lookup (no hash is ever this string). */
const tokenSlot = '\u0000token-hash\u0000'

/** Workspaces and the people in them. Removed participants keep their row but lose their token. */
export class WorkspaceRepository {
  constructor(private readonly q: Queries) {}

  async insertWorkspace(workspace: Workspace): Promise<void> {
    await this.q.db
      .insertInto('workspace')
      .values({
        id: workspace.id,
        name: workspace.name,
        description: workspace.description,
        created_at: workspace.createdAt,
        language: workspace.language,
      })
      .execute()
  }

  async setLanguage(id: string, language: Language): Promise<void> {
    await this.q.db.updateTable('workspace').set({ language }).where('id', '=', id).execute()
  }

  async findWorkspace(id: string): Promise<Workspace | undefined> {
    const row = await this.q.db
      .selectFrom('workspace')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return (
      row && {
        id: row.id,
        name: row.name,
        description: row.description,
        createdAt: row.created_at,
        language: row.language as Language,
      }
    )
  }

  async deleteWorkspace(id: string): Promise<void> {
    await this.q.db.deleteFrom('workspace').where('id', '=', id).execute()
  }

  async insertParticipant(participant: NewParticipant): Promise<void> {
    await this.q.db
      .insertInto('participant')
      .values({
        id: participant.id,
        workspace_id: participant.workspaceId,
        display_name: participant.displayName,
        stakeholder_group: participant.group,
        role: participant.role,
        token_hash: participant.tokenHash,
        joined_at: participant.joinedAt,
      })
      .execute()
  }

  /** The active participant holding this token hash: their own, or one a sign-in handed out. */
  async findByTokenHash(tokenHash: string): Promise<Participant | undefined> {
    // Every socket asks this as it opens: built once, since building the query with Kysely
    // cost several times what SQLite takes to answer it.
    this.#byTokenHash ??= this.#byTokenHashQuery(tokenSlot).compile()
    const compiled = this.#byTokenHash
    const parameters = compiled.parameters.map((value) => (value === tokenSlot ? tokenHash : value))
    const { rows } = await this.q.db.executeQuery<ParticipantRow>({ ...compiled, parameters })
    const row = rows[0]
    return row && toParticipant(row)
  }

  #byTokenHash: CompiledQuery | undefined

  #byTokenHashQuery(tokenHash: string) {
    return this.q.db
      .selectFrom('participant')
      .select(participantColumns)
      .where((eb) =>
        eb.or([
          eb('token_hash', '=', tokenHash),
          eb(
            'id',
            'in',
            eb
              .selectFrom('sign_in_token')
              .select('participant_id')
              .where('token_hash', '=', tokenHash),
          ),
        ]),
      )
      .where('removed_at', 'is', null)
      .limit(1)
  }

  async findParticipant(workspaceId: string, id: string): Promise<Participant | undefined> {
    const row = await this.q.db
      .selectFrom('participant')
      .select(participantColumns)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .executeTakeFirst()
    return row && toParticipant(row)
  }

  async listParticipants(workspaceId: string): Promise<Participant[]> {
    const rows = await this.q.db
      .selectFrom('participant')
      .select(participantColumns)
      .where('workspace_id', '=', workspaceId)
      .where('removed_at', 'is', null)
      .orderBy('joined_at')
      .orderBy('id')
      .execute()
    return rows.map(toParticipant)
  }

  /** Every participant who ever joined, removed or not, with their name: [id, name]. */
  async everyoneNamed(workspaceId: string): Promise<[string, string][]> {
    const rows = await this.q.db
      .selectFrom('participant')
      .select(['id', 'display_name'])
      .where('workspace_id', '=', workspaceId)
      .execute()
    return rows.map((row) => [row.id, row.display_name])
  }

  async updateParticipant(id: string, change: { role: Role; group: StakeholderGroup }) {
    await this.q.db
      .updateTable('participant')
      .set({ role: change.role, stakeholder_group: change.group })
      .where('id', '=', id)
      .execute()
  }

  async rememberEarlierIdentity(participantId: string, had: NameAndGroup, until: string) {
    await this.q.db
      .insertInto('earlier_identity')
      .values({
        participant_id: participantId,
        display_name: had.displayName,
        stakeholder_group: had.group,
        until,
      })
      // Left behind again (moved back and away): it counts from the latest time.
      .onConflict((conflict) =>
        conflict
          .columns(['participant_id', 'display_name', 'stakeholder_group'])
          .doUpdateSet({ until }),
      )
      .execute()
  }

  async earlierIdentities(participantId: string, endedSince: string): Promise<NameAndGroup[]> {
    const rows = await this.q.db
      .selectFrom('earlier_identity')
      .select(['display_name', 'stakeholder_group'])
      .where('participant_id', '=', participantId)
      .where('until', '>=', endedSince)
      .orderBy('until')
      .execute()
    return rows.map((row) => ({
      displayName: row.display_name,
      group: row.stakeholder_group as StakeholderGroup,
    }))
  }

  async removeParticipant(id: string, at: string): Promise<void> {
    await this.q.db
      .updateTable('participant')
      .set({ removed_at: at })
      .where('id', '=', id)
      .execute()
  }

  async countFacilitators(workspaceId: string): Promise<number> {
    const row = await this.q.db
      .selectFrom('participant')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('role', '=', 'facilitator')
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
}
