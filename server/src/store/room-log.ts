import type { Database, Statement } from 'better-sqlite3'
import * as Y from 'yjs'
import type { StoredRoom } from '../../../shared/src/schema/stored.js'

export type { StoredRoom }

export interface RoomAppend {
  room: string
  update: Uint8Array
}

/**
 * The durable history of every room: an append-only log of Yjs updates plus one snapshot per
 * room that compaction folds the log into. Every update stored here was encoded by the server's
 * own Y.Doc, never taken verbatim from a client, so applying them back is safe.
 */
export class RoomLog {
  readonly #selectSnapshot: Statement<[string], { data: Buffer }>
  readonly #selectUpdates: Statement<[string], { id: number; data: Buffer }>
  readonly #insertUpdate: Statement<[string, Uint8Array]>
  readonly #upsertSnapshot: Statement<[string, Uint8Array, number]>
  readonly #deleteUpdatesUpTo: Statement<[string, number]>
  readonly #deleteRoom: Statement<[string]>
  readonly #deleteSnapshot: Statement<[string]>
  readonly #appendAll: (batch: readonly RoomAppend[]) => void

  constructor(private readonly db: Database) {
    this.#selectSnapshot = db.prepare('SELECT data FROM room_snapshot WHERE room = ?')
    this.#selectUpdates = db.prepare('SELECT id, data FROM room_update WHERE room = ? ORDER BY id')
    this.#insertUpdate = db.prepare('INSERT INTO room_update (room, data) VALUES (?, ?)')
    this.#upsertSnapshot = db.prepare(
      `INSERT INTO room_snapshot (room, data, compacted_at) VALUES (?, ?, ?)
       ON CONFLICT (room) DO UPDATE SET data = excluded.data, compacted_at = excluded.compacted_at`,
    )
    this.#deleteUpdatesUpTo = db.prepare('DELETE FROM room_update WHERE room = ? AND id <= ?')
    this.#deleteRoom = db.prepare('DELETE FROM room_update WHERE room = ?')
    this.#deleteSnapshot = db.prepare('DELETE FROM room_snapshot WHERE room = ?')
    this.#appendAll = db.transaction((batch: readonly RoomAppend[]) => {
      for (const { room, update } of batch) this.#insertUpdate.run(room, update)
    })
  }

  load(room: string): StoredRoom {
    return this.db.transaction(() => {
      const snapshot = this.#selectSnapshot.get(room)
      const rows = this.#selectUpdates.all(room)
      const updates: Uint8Array[] = snapshot ? [snapshot.data] : []
      let logBytes = 0
      for (const row of rows) {
        updates.push(row.data)
        logBytes += row.data.byteLength
      }
      const storedBytes = logBytes + (snapshot?.data.byteLength ?? 0)
      return { updates, logLength: rows.length, logBytes, storedBytes }
    })()
  }

  /** Appends updates of any number of rooms in one transaction: one commit, one flush. */
  append(batch: readonly RoomAppend[]): void {
    this.#appendAll(batch)
  }

  /**
   * Folds a room's snapshot and log into a new snapshot, in one transaction, and returns its
   * size. `current` is the room's live document encoded by the server, when the room is in
   * memory: it already holds the snapshot and every committed row, so nothing is re-applied.
   * Otherwise the snapshot and log are applied into a fresh document and encoded here.
   */
  compact(room: string, current?: Uint8Array): number {
    return this.db.transaction(() => {
      const rows = this.#selectUpdates.all(room)
      const last = rows.at(-1)
      if (!last) return this.#selectSnapshot.get(room)?.data.byteLength ?? 0
      const encoded = current ?? this.#applyLog(room, rows)
      this.#upsertSnapshot.run(room, encoded, Date.now())
      this.#deleteUpdatesUpTo.run(room, last.id)
      return encoded.byteLength
    })()
  }

  #applyLog(room: string, rows: readonly { data: Buffer }[]): Uint8Array {
    const snapshot = this.#selectSnapshot.get(room)
    const doc = new Y.Doc({ gc: true })
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot.data)
      for (const row of rows) Y.applyUpdate(doc, row.data)
    })
    const encoded = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    return encoded
  }

  /** Removes every trace of a room. */
  delete(room: string): void {
    this.db.transaction(() => {
      this.#deleteRoom.run(room)
      this.#deleteSnapshot.run(room)
    })()
  }
}
