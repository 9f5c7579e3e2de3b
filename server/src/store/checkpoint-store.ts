import type { Database } from 'better-sqlite3'

import type { StoredCheckpoint } from '../../../shared/src/schema/stored.js'

export type { StoredCheckpoint }

interface CheckpointRow {
  tree_size: number
  root_hash: string
  note: string
  signed_at: string
}

const toCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({
  size: row.tree_size,
  root: row.root_hash,
  note: row.note,
  signedAt: row.signed_at,
})

const columns = 'tree_size, root_hash, note, signed_at'

/**
 * Every checkpoint the server signed, per workspace, kept so monitors can mirror the history.
 * Append-only; deleting the workspace cascades.
 */
export class CheckpointStore {
  constructor(private readonly db: Database) {}

  add(workspaceId: string, checkpoint: StoredCheckpoint): void {
    this.db
      .prepare(`INSERT INTO log_checkpoint (workspace_id, ${columns}) VALUES (?, ?, ?, ?, ?)`)
      .run(workspaceId, checkpoint.size, checkpoint.root, checkpoint.note, checkpoint.signedAt)
  }

  /** The checkpoint signed last (the largest tree; after a key change, the newest signature). */
  latest(workspaceId: string): StoredCheckpoint | undefined {
    const row = this.db
      .prepare(
        `SELECT ${columns} FROM log_checkpoint WHERE workspace_id = ?
         ORDER BY tree_size DESC, id DESC LIMIT 1`,
      )
      .get(workspaceId) as CheckpointRow | undefined
    return row && toCheckpoint(row)
  }

  /** Checkpoints of trees of `fromSize` leaves or more, oldest first. */
  list(workspaceId: string, fromSize: number, limit: number): StoredCheckpoint[] {
    const rows = this.db
      .prepare(
        `SELECT ${columns} FROM log_checkpoint WHERE workspace_id = ? AND tree_size >= ?
         ORDER BY tree_size, id LIMIT ?`,
      )
      .all(workspaceId, fromSize, limit) as CheckpointRow[]
    return rows.map(toCheckpoint)
  }
}
