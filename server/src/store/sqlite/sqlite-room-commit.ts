import { type CompiledQuery, type RawBuilder, sql } from 'kysely'
import { addRoomHead, type RoomHeads } from '../commit-heads.js'
import { type PlainRoomCommit, type PlainRoomCommits, rowsOf } from '../plain-room-commit.js'
import { bytes, Engine, type Queries } from '../schema.js'
import type { SqliteDatabase } from './sqlite-engine.js'

/** Rows per statement: SQLite caps a statement's parameters. */
const rowsPerStatement = 500

const chunked = <T>(rows: readonly T[]): T[][] => {
  const chunks: T[][] = []
  for (let start = 0; start < rows.length; start += rowsPerStatement)
    chunks.push(rows.slice(start, start + rowsPerStatement))
  return chunks
}

/** `(?, ?), (?, ?)`: rows as the body of a VALUES list. */
const values = (rows: readonly (readonly unknown[])[]): RawBuilder<unknown> =>
  sql.join(rows.map((row) => sql`(${sql.join(row)})`))

/**
 * A room commit on SQLite as one transaction sent whole to the writer thread: one message
 * there and one answer back, where a transaction of statements (BEGIN, the rooms, the heads,
 * the updates, one statement per author and per editor, the writers, COMMIT) was a round trip
 * each, every one waiting for a turn of the busy event loop. No statement needs what an earlier
 * one answered: the heads are numbered only for rooms that still exist, the updates take their
 * numbers from this node's `room_head`, and everything else joins `room`, so a room deleted meanwhile
 * stores nothing (the transaction holds the write lock from its BEGIN IMMEDIATE, so no deletion
 * passes it). It keeps the same rows as the transaction of statements.
 */
export class SqliteRoomCommit implements PlainRoomCommits {
  constructor(
    private readonly q: Queries,
    private readonly together: SqliteDatabase['together'],
  ) {
    if (q.engine !== Engine.sqlite) throw new Error('SqliteRoomCommit needs SQLite')
  }

  async store(batch: readonly PlainRoomCommit[], at: number, node: string): Promise<RoomHeads> {
    const minute = Math.floor(at / 60_000)
    const { rooms, authors, edits, writers } = rowsOf(batch)
    const heads = chunked([...rooms].sort()).map(
      (part) => sql`
        INSERT INTO room_head (room, node, seq)
        SELECT name, ${node}, 1 FROM room WHERE name IN (${sql.join(part)}) ORDER BY name
        ON CONFLICT (room, node) DO UPDATE SET seq = room_head.seq + 1
        RETURNING room, seq`,
    )
    const stored = chunked(batch).map(
      (part) => sql`
        WITH u (room, data) AS (
          VALUES ${values(part.map(({ room, update }) => [room, bytes(update)]))}
        )
        INSERT INTO room_update (room, data, node, seq)
        SELECT u.room, u.data, h.node, h.seq
        FROM u JOIN room r ON r.name = u.room
          JOIN room_head h ON h.room = u.room AND h.node = ${node}`,
    )
    const activity = chunked(authors).map(
      (part) => sql`
        WITH a (room, participant, updates) AS (
          VALUES ${values(part.map(({ room, participantId, updates }) => [room, participantId, updates]))}
        )
        INSERT INTO room_activity (room, participant_id, minute, updates)
        SELECT a.room, a.participant, ${minute}, a.updates
        FROM a JOIN room r ON r.name = a.room WHERE true
        ON CONFLICT (room, participant_id, minute)
          DO UPDATE SET updates = room_activity.updates + excluded.updates`,
    )
    const edited = chunked(edits).map(
      (part) => sql`
        WITH e (room, participant, added, removed) AS (
          VALUES ${values(part.map(({ room, participantId, added, removed }) => [room, participantId, added, removed]))}
        )
        INSERT INTO room_edit (room, participant_id, stakeholder_group, minute, added, removed)
        SELECT e.room, p.id, p.stakeholder_group, ${minute}, e.added, e.removed
        FROM e JOIN room r ON r.name = e.room JOIN participant p ON p.id = e.participant
        WHERE true
        ON CONFLICT (room, minute, participant_id, stakeholder_group) DO UPDATE SET
          added = room_edit.added + excluded.added,
          removed = room_edit.removed + excluded.removed`,
    )
    // The first writer of a client id keeps it (as `AuthorshipRepository.record`).
    const wrote = chunked(writers).map(
      (part) => sql`
        WITH w (room, client, participant) AS (
          VALUES ${values(part.map(({ room, client, participantId }) => [room, client, participantId]))}
        )
        INSERT INTO room_writer (room, client, participant_id, stakeholder_group)
        SELECT w.room, w.client, w.participant,
          (SELECT stakeholder_group FROM participant WHERE id = w.participant)
        FROM w JOIN room r ON r.name = w.room WHERE true
        ON CONFLICT (room, client) DO NOTHING`,
    )
    // What the other nodes numbered in these rooms (on SQLite, one server: nothing, or what
    // was numbered before migration 22 under another name).
    const others = chunked([...rooms]).map(
      (part) => sql`
        SELECT room, node, seq FROM room_head WHERE room IN (${sql.join(part)}) AND node <> ${node}`,
    )
    const statements: CompiledQuery[] = [
      ...heads,
      ...stored,
      ...activity,
      ...edited,
      ...wrote,
      ...others,
    ].map((statement) => statement.compile(this.q.db))
    const results = await this.together(statements)
    const answers: RoomHeads = new Map()
    for (const { rows } of results.slice(0, heads.length))
      for (const { room, seq } of rows as { room: string; seq: number }[])
        addRoomHead(answers, room, node, seq)
    for (const { rows } of results.slice(results.length - others.length))
      for (const head of rows as { room: string; node: string; seq: number }[])
        addRoomHead(answers, head.room, head.node, head.seq)
    return answers
  }
}
