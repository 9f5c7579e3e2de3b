import type { Selectable } from 'kysely'
import type { PublicationRecord } from '../../../../shared/src/schema/stored.js'
import type { PublicationTable, Queries } from '../schema.js'

const toPublication = (row: Selectable<PublicationTable>): PublicationRecord => ({
  workspaceId: row.workspace_id,
  publicId: row.public_id,
  anonymised: row.anonymised === 1,
  publishedAt: row.published_at,
})

/** Which workspaces publish their record, under which unguessable public id. */
export class PublicationRepository {
  constructor(private readonly q: Queries) {}

  async upsert(publication: PublicationRecord): Promise<void> {
    await this.q.db
      .insertInto('publication')
      .values({
        workspace_id: publication.workspaceId,
        public_id: publication.publicId,
        anonymised: publication.anonymised ? 1 : 0,
        published_at: publication.publishedAt,
      })
      .onConflict((conflict) =>
        conflict
          .column('workspace_id')
          .doUpdateSet((eb) => ({ anonymised: eb.ref('excluded.anonymised') })),
      )
      .execute()
  }

  async remove(workspaceId: string): Promise<void> {
    await this.q.db.deleteFrom('publication').where('workspace_id', '=', workspaceId).execute()
  }

  async ofWorkspace(workspaceId: string): Promise<PublicationRecord | undefined> {
    const row = await this.q.db
      .selectFrom('publication')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    return row && toPublication(row)
  }

  async byPublicId(publicId: string): Promise<PublicationRecord | undefined> {
    const row = await this.q.db
      .selectFrom('publication')
      .selectAll()
      .where('public_id', '=', publicId)
      .executeTakeFirst()
    return row && toPublication(row)
  }
}
