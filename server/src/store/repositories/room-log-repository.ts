import * as Y from 'yjs'
import type { StoredRoom } from '../../../../shared/src/schema/stored.js'
import { bytes, type Queries } from '../schema.js'

const rowsPerInsert = 500

export interface RoomAppend {
  room: string
  update: Uint8Array
}

/**
 * The durable history of every room: an append-only log of Yjs updates plus one snapshot per
 * room that compaction folds the log into. Every update stored here was encoded by the server's
 * own Y.Doc, never taken verbatim from a client, so applying them back is safe. Each method
 * that writes more than one row wants a unit of work around it (the caller's, or its own).
 */
export class RoomLogRepository {
  constructor(private readonly q: Queries) {}

  async #snapshot(room: string): Promise<Uint8Array | undefined> {
    const row = await this.q.db
      .selectFrom('room_snapshot')
      .select('data')
      .where('room', '=', room)
      .executeTakeFirst()
    return row?.data
  }

  #updates(room: string) {
    return this.q.db
      .selectFrom('room_update')
      .select(['id', 'data'])
      .where('room', '=', room)
      .orderBy('id')
      .execute()
  }

  /** The snapshot and the log after it; read in one unit, so they belong together. */
  async load(room: string): Promise<StoredRoom> {
    const snapshot = await this.#snapshot(room)
    const rows = await this.#updates(room)
    const updates: Uint8Array[] = snapshot ? [snapshot] : []
    let logBytes = 0
    for (const row of rows) {
      updates.push(row.data)
      logBytes += row.data.byteLength
    }
    const storedBytes = logBytes + (snapshot?.byteLength ?? 0)
    return { updates, logLength: rows.length, logBytes, storedBytes }
  }

  /**
   * Appends updates of any number of rooms, a few hundred rows per statement (both engines cap
   * a statement's parameters): in one unit, one commit.
   */
  async append(batch: readonly RoomAppend[]): Promise<void> {
    for (let start = 0; start < batch.length; start += rowsPerInsert) {
      await this.q.db
        .insertInto('room_update')
        .values(
          batch
            .slice(start, start + rowsPerInsert)
            .map(({ room, update }) => ({ room, data: bytes(update) })),
        )
        .execute()
    }
  }

  /**
   * Folds a room's snapshot and log into a new snapshot and returns its size. `current` is the
   * room's live document encoded by the server, when the room is in memory: it already holds
   * the snapshot and every committed row, so nothing is re-applied. Otherwise the snapshot and
   * log are applied into a fresh document and encoded here.
   */
  async compact(room: string, current?: Uint8Array): Promise<number> {
    const rows = await this.#updates(room)
    const last = rows.at(-1)
    if (!last) return (await this.#snapshot(room))?.byteLength ?? 0
    const encoded = current ?? (await this.#applyLog(room, rows))
    await this.q.db
      .insertInto('room_snapshot')
      .values({ room, data: bytes(encoded), compacted_at: Date.now() })
      .onConflict((conflict) =>
        conflict.column('room').doUpdateSet((eb) => ({
          data: eb.ref('excluded.data'),
          compacted_at: eb.ref('excluded.compacted_at'),
        })),
      )
      .execute()
    await this.q.db
      .deleteFrom('room_update')
      .where('room', '=', room)
      .where('id', '<=', last.id)
      .execute()
    return encoded.byteLength
  }

  async #applyLog(room: string, rows: readonly { data: Uint8Array }[]): Promise<Uint8Array> {
    const snapshot = await this.#snapshot(room)
    const doc = new Y.Doc({ gc: true })
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot)
      for (const row of rows) Y.applyUpdate(doc, row.data)
    })
    const encoded = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    return encoded
  }

  /** Removes every trace of a room. */
  async delete(room: string): Promise<void> {
    await this.q.db.deleteFrom('room_update').where('room', '=', room).execute()
    await this.q.db.deleteFrom('room_snapshot').where('room', '=', room).execute()
  }
}
