import { sql } from 'kysely'
import * as Y from 'yjs'
import type { StoredRoom } from '../../../../shared/src/schema/stored.js'
import {
  addRoomHead,
  type CommitHeads,
  passes,
  type RoomHeads,
  raiseHead,
  readHeads,
  writeHeads,
} from '../commit-heads.js'
import { bytes, Engine, type Queries } from '../schema.js'

const rowsPerInsert = 500

export interface RoomAppend {
  room: string
  update: Uint8Array
}

/** The commits of a room past given numbers, as `since` reads them back. */
export interface RoomCatchUp {
  /** To apply in order (the snapshot first when it folded some of them). */
  updates: Uint8Array[]
  /** Each node's last commit number they and the numbers asked about hold. */
  heads: CommitHeads
}

const noHeads: CommitHeads = new Map()

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

  async #snapshot(room: string): Promise<{ data: Uint8Array; heads: CommitHeads } | undefined> {
    const row = await this.q.db
      .selectFrom('room_snapshot')
      .select(['data', 'heads'])
      .where('room', '=', room)
      .executeTakeFirst()
    return row && { data: row.data, heads: readHeads(row.heads, room) }
  }

  /**
   * The room's log in commit order: one node's rows follow its numbers (each is inserted under
   * its head's lock); different nodes' rows interleave, and Yjs needs no order between them.
   */
  #updates(room: string, past?: CommitHeads) {
    let query = this.q.db
      .selectFrom('room_update')
      .select(['id', 'data', 'node', 'seq'])
      .where('room', '=', room)
    if (past) {
      // Only the rows past each node's number (and every row of a node not named).
      query = query.where('seq', 'is not', null)
      if (past.size > 0)
        query = query.where((eb) =>
          eb.or([
            eb('node', 'not in', [...past.keys()]),
            ...[...past].map(([node, seq]) => eb.and([eb('node', '=', node), eb('seq', '>', seq)])),
          ]),
        )
    }
    return query.orderBy('id').execute()
  }

  /** The numbers each node has given in the room (what no stored commit may pass). */
  async #given(room: string): Promise<Map<string, number>> {
    const rows = await this.q.db
      .selectFrom('room_head')
      .select(['node', 'seq'])
      .where('room', '=', room)
      .execute()
    return new Map(rows.map(({ node, seq }) => [node, Number(seq)]))
  }

  /**
   * The snapshot and the log after it, and the last commit number they hold. The log is read
   * before the snapshot: a compaction committing in between (another node's, on PostgreSQL)
   * then only makes the snapshot cover more, never lose rows between the two reads.
   */
  async load(room: string): Promise<StoredRoom & { heads: CommitHeads }> {
    const rows = await this.#updates(room)
    const snapshot = await this.#snapshot(room)
    const updates: Uint8Array[] = snapshot ? [snapshot.data] : []
    let logBytes = 0
    const heads = new Map(snapshot?.heads)
    for (const row of rows) {
      updates.push(row.data)
      logBytes += row.data.byteLength
      raiseHead(heads, row.node, row.seq ?? 0)
    }
    // Read last: heads only grow, so what was read before can only be at or below them.
    const given = await this.#given(room)
    for (const [node, seq] of heads) {
      // Numbers past those given were written by hand: a node trusting them would skip the
      // commits they claim, and compaction would delete them. The room stays closed instead.
      if (seq > (given.get(node) ?? 0))
        throw new Error(
          `room ${room}: stored commits of node "${node}" reach ${seq}, past the ${given.get(node) ?? 0} it numbered; the database was changed by hand`,
        )
    }
    const storedBytes = logBytes + (snapshot?.data.byteLength ?? 0)
    return { updates, logLength: rows.length, logBytes, storedBytes, heads }
  }

  /**
   * The room's commits past each node's number in `held`, for a node that missed some: the log
   * rows past them, and the snapshot first when compaction folded some of those (applying what
   * a document already holds again changes nothing). A node's rows become visible in its
   * numbers' order, so those read past its number follow it without a hole.
   */
  async since(room: string, held: CommitHeads): Promise<RoomCatchUp> {
    const rows = await this.#updates(room, held)
    const snapshot = await this.#snapshot(room)
    const updates: Uint8Array[] = []
    const heads = new Map(held)
    if (snapshot && passes(snapshot.heads, held)) {
      updates.push(snapshot.data)
      for (const [node, seq] of snapshot.heads) raiseHead(heads, node, seq)
    }
    for (const row of rows) {
      updates.push(row.data)
      raiseHead(heads, row.node, row.seq ?? 0)
    }
    return { updates, heads }
  }

  /**
   * Appends updates of any number of rooms (one each), a few hundred rows per statement (both
   * engines cap a statement's parameters): in one unit, one commit. Answers each room's commit
   * number among `node`'s, and the other nodes' last numbers in it (one this node has not heard
   * of is a commit it missed). Taking the numbers locks the rooms' heads of this node until the
   * commit, in the rooms' order: other nodes, with heads of their own, do not wait for it.
   * A document's first content, seeded before any node holds the room, is no node's: ''.
   */
  async append(batch: readonly RoomAppend[], node = ''): Promise<RoomHeads> {
    const seqs = new Map<string, number>()
    const rooms = [...new Set(batch.map(({ room }) => room))].sort()
    for (let start = 0; start < rooms.length; start += rowsPerInsert) {
      const heads = await this.q.db
        .insertInto('room_head')
        .values(rooms.slice(start, start + rowsPerInsert).map((room) => ({ room, node, seq: 1 })))
        .onConflict((conflict) =>
          conflict
            .columns(['room', 'node'])
            .doUpdateSet((eb) => ({ seq: eb('room_head.seq', '+', 1) })),
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
            node,
            seq: seqs.get(room) ?? null,
          })),
        )
        .execute()
    }
    const heads: RoomHeads = new Map()
    for (let start = 0; start < rooms.length; start += rowsPerInsert) {
      const others = await this.q.db
        .selectFrom('room_head')
        .select(['room', 'node', 'seq'])
        .where('room', 'in', rooms.slice(start, start + rowsPerInsert))
        .where('node', '<>', node)
        .execute()
      for (const head of others) addRoomHead(heads, head.room, head.node, head.seq)
    }
    for (const [room, seq] of seqs) addRoomHead(heads, room, node, seq)
    return heads
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
   * encoded by the server, with each node's number it holds every commit up to: the rows past
   * those (other nodes', not yet heard of) stay in the log, though they may sit between rows
   * folded. Without it the snapshot and log are applied into a fresh document and encoded here.
   */
  async compact(
    room: string,
    current?: { encoded: Uint8Array; heads: CommitHeads },
  ): Promise<number | undefined> {
    if (!(await this.#mayCompact(room))) return undefined
    const previous = await this.#snapshot(room)
    // A snapshot another node wrote may hold more than this node's document: then fold it.
    const live = current && !passes(previous?.heads ?? noHeads, current.heads) ? current : undefined
    const read = await this.#updates(room)
    const rows = live
      ? read.filter(({ node, seq }) => seq === null || seq <= (live.heads.get(node) ?? 0))
      : read
    if (rows.length === 0) return previous?.data.byteLength ?? 0
    const encoded = live?.encoded ?? this.#applyLog(previous?.data, rows)
    const heads = new Map(previous?.heads)
    for (const [node, seq] of live?.heads ?? noHeads) raiseHead(heads, node, seq)
    for (const row of rows) raiseHead(heads, row.node, row.seq ?? 0)
    await this.q.db
      .insertInto('room_snapshot')
      .values({ room, data: bytes(encoded), compacted_at: Date.now(), heads: writeHeads(heads) })
      .onConflict((conflict) =>
        conflict.column('room').doUpdateSet((eb) => ({
          data: eb.ref('excluded.data'),
          compacted_at: eb.ref('excluded.compacted_at'),
          heads: eb.ref('excluded.heads'),
        })),
      )
      .execute()
    for (let start = 0; start < rows.length; start += rowsPerInsert) {
      const folded = rows.slice(start, start + rowsPerInsert).map(({ id }) => id)
      await this.q.db.deleteFrom('room_update').where('id', 'in', folded).execute()
    }
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
