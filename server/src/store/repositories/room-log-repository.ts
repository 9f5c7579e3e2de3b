import { sql } from 'kysely'
import * as Y from 'yjs'
import type { StoredRoom } from '../../../../shared/src/schema/stored.js'
import { bytes, Engine, type Queries } from '../schema.js'

const rowsPerInsert = 500

export interface RoomAppend {
  room: string
  update: Uint8Array
}

/** The commits of a room after a given number, as `since` reads them back. */
export interface RoomCatchUp {
  /** To apply in order (the snapshot first when it folded some of them). */
  updates: Uint8Array[]
  /** The last commit number they hold. */
  seq: number
}

/** The first half of the advisory lock keys of compactions (the second is the room's hash). */
const compactionLockSpace = 0x4d75_6643

/**
 * The durable history of every room: an append-only log of Yjs updates plus one snapshot per
 * room that compaction folds the log into. Every update stored here was encoded by the server's
 * own Y.Doc, never taken verbatim from a client, so applying them back is safe. Each method
 * that writes more than one row wants a unit of work around it (the caller's, or its own).
 */
export class RoomLogRepository {
  constructor(private readonly q: Queries) {}

  async #snapshot(room: string): Promise<{ data: Uint8Array; seq: number } | undefined> {
    return await this.q.db
      .selectFrom('room_snapshot')
      .select(['data', 'seq'])
      .where('room', '=', room)
      .executeTakeFirst()
  }

  #updates(room: string, after?: number) {
    let query = this.q.db
      .selectFrom('room_update')
      .select(['id', 'data', 'seq'])
      .where('room', '=', room)
    if (after !== undefined) query = query.where('seq', '>', after)
    // Ids of one room follow its commit numbers: each row is inserted under the head's lock.
    return query.orderBy('id').execute()
  }

  /**
   * The snapshot and the log after it, and the last commit number they hold. The log is read
   * before the snapshot: a compaction committing in between (another node's, on PostgreSQL)
   * then only makes the snapshot cover more, never lose rows between the two reads.
   */
  async load(room: string): Promise<StoredRoom & { seq: number }> {
    const rows = await this.#updates(room)
    const snapshot = await this.#snapshot(room)
    const updates: Uint8Array[] = snapshot ? [snapshot.data] : []
    let logBytes = 0
    let seq = snapshot?.seq ?? 0
    for (const row of rows) {
      updates.push(row.data)
      logBytes += row.data.byteLength
      seq = Math.max(seq, row.seq ?? 0)
    }
    const storedBytes = logBytes + (snapshot?.data.byteLength ?? 0)
    return { updates, logLength: rows.length, logBytes, storedBytes, seq }
  }

  /**
   * The room's commits after number `after`, for a node that missed some: the log rows past
   * it, and the snapshot first when compaction folded some of those (applying what a document
   * already holds again changes nothing).
   */
  async since(room: string, after: number): Promise<RoomCatchUp> {
    const rows = await this.#updates(room, after)
    const snapshot = await this.#snapshot(room)
    const updates: Uint8Array[] = []
    let seq = after
    if (snapshot && snapshot.seq > after) {
      updates.push(snapshot.data)
      seq = snapshot.seq
    }
    for (const row of rows) {
      updates.push(row.data)
      seq = Math.max(seq, row.seq ?? 0)
    }
    return { updates, seq }
  }

  /**
   * Appends updates of any number of rooms (one each), a few hundred rows per statement (both
   * engines cap a statement's parameters): in one unit, one commit. Answers each room's commit
   * number. Taking the numbers locks the rooms' head rows until the commit, in the rooms' order
   * (so two nodes committing the same rooms wait for each other rather than deadlock).
   */
  async append(batch: readonly RoomAppend[]): Promise<Map<string, number>> {
    const seqs = new Map<string, number>()
    const rooms = [...new Set(batch.map(({ room }) => room))].sort()
    for (let start = 0; start < rooms.length; start += rowsPerInsert) {
      const heads = await this.q.db
        .insertInto('room_head')
        .values(rooms.slice(start, start + rowsPerInsert).map((room) => ({ room, seq: 1 })))
        .onConflict((conflict) =>
          conflict.column('room').doUpdateSet((eb) => ({ seq: eb('room_head.seq', '+', 1) })),
        )
        .returning(['room', 'seq'])
        .execute()
      for (const { room, seq } of heads) seqs.set(room, seq)
    }
    for (let start = 0; start < batch.length; start += rowsPerInsert) {
      await this.q.db
        .insertInto('room_update')
        .values(
          batch.slice(start, start + rowsPerInsert).map(({ room, update }) => ({
            room,
            data: bytes(update),
            seq: seqs.get(room) ?? null,
          })),
        )
        .execute()
    }
    return seqs
  }

  /**
   * On PostgreSQL, whether this transaction may compact `room`: one node at a time does (the
   * lock is the transaction's, let go at its end); another node already at it makes this one
   * skip rather than fold the same rows twice. SQLite has one server.
   */
  async #mayCompact(room: string): Promise<boolean> {
    if (this.q.engine !== Engine.postgres) return true
    const { rows } = await sql<{
      locked: boolean
    }>`SELECT pg_try_advisory_xact_lock(${compactionLockSpace}, hashtext(${room})) AS locked`.execute(
      this.q.db,
    )
    return rows[0]?.locked === true
  }

  /**
   * Folds a room's snapshot and log into a new snapshot and returns its size, or undefined when
   * another node is compacting the room right now. `current` is the room's live document
   * encoded by the server, with the last commit number it holds every commit up to: the rows
   * past that number (another node's, not yet heard of) stay in the log. Without it the
   * snapshot and log are applied into a fresh document and encoded here.
   */
  async compact(
    room: string,
    current?: { encoded: Uint8Array; seq: number },
  ): Promise<number | undefined> {
    if (!(await this.#mayCompact(room))) return undefined
    const previous = await this.#snapshot(room)
    // A snapshot another node wrote may hold more than this node's document: then fold it.
    const live = current && current.seq >= (previous?.seq ?? 0) ? current : undefined
    const read = await this.#updates(room)
    const rows = live ? read.filter((row) => (row.seq ?? 0) <= live.seq) : read
    const last = rows.at(-1)
    if (!last) return previous?.data.byteLength ?? 0
    const encoded = live?.encoded ?? this.#applyLog(previous?.data, rows)
    let seq = Math.max(previous?.seq ?? 0, live?.seq ?? 0)
    for (const row of rows) seq = Math.max(seq, row.seq ?? 0)
    await this.q.db
      .insertInto('room_snapshot')
      .values({ room, data: bytes(encoded), compacted_at: Date.now(), seq })
      .onConflict((conflict) =>
        conflict.column('room').doUpdateSet((eb) => ({
          data: eb.ref('excluded.data'),
          compacted_at: eb.ref('excluded.compacted_at'),
          seq: eb.ref('excluded.seq'),
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

  #applyLog(snapshot: Uint8Array | undefined, rows: readonly { data: Uint8Array }[]): Uint8Array {
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
    await this.q.db.deleteFrom('room_head').where('room', '=', room).execute()
  }
}
