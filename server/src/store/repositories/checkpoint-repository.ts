import type { StoredCheckpoint } from '../../../../shared/src/schema/stored.js'
import type { Queries } from '../schema.js'

const columns = ['tree_size', 'root_hash', 'note', 'signed_at'] as const

const toCheckpoint = (row: {
  tree_size: number
  root_hash: string
  note: string
  signed_at: string
}): StoredCheckpoint => ({
  size: row.tree_size,
  root: row.root_hash,
  note: row.note,
  signedAt: row.signed_at,
})

/**
 * Every checkpoint the server signed, per workspace, kept so monitors can mirror the history.
 * Append-only; deleting the workspace cascades.
 */
export class CheckpointRepository {
  constructor(private readonly q: Queries) {}

  async add(workspaceId: string, checkpoint: StoredCheckpoint): Promise<void> {
    await this.q.db
      .insertInto('log_checkpoint')
      .values({
        workspace_id: workspaceId,
        tree_size: checkpoint.size,
        root_hash: checkpoint.root,
        note: checkpoint.note,
        signed_at: checkpoint.signedAt,
      })
      .execute()
  }

  /** The checkpoint signed last (the largest tree; after a key change, the newest signature). */
  async latest(workspaceId: string): Promise<StoredCheckpoint | undefined> {
    const row = await this.q.db
      .selectFrom('log_checkpoint')
      .select(columns)
      .where('workspace_id', '=', workspaceId)
      .orderBy('tree_size', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row && toCheckpoint(row)
  }

  /** Checkpoints of trees of `fromSize` leaves or more, oldest first. */
  async list(workspaceId: string, fromSize: number, limit: number): Promise<StoredCheckpoint[]> {
    const rows = await this.q.db
      .selectFrom('log_checkpoint')
      .select(columns)
      .where('workspace_id', '=', workspaceId)
      .where('tree_size', '>=', fromSize)
      .orderBy('tree_size')
      .orderBy('id')
      .limit(limit)
      .execute()
    return rows.map(toCheckpoint)
  }
}
