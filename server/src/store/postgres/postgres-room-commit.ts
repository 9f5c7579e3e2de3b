import { sql } from 'kysely'
import { addRoomHead, type RoomHeads } from '../commit-heads.js'
import { type PlainRoomCommit, type PlainRoomCommits, rowsOf } from '../plain-room-commit.js'
import { bytes, Engine, type Queries } from '../schema.js'

/**
 * A room commit on PostgreSQL as one statement, so one round trip and its own transaction:
 * every row in the order of rooms, then people or client ids (two nodes writing the same rows
 * lock them in one order, so never deadlock): the rooms held FOR SHARE (a deletion waits, or
 * has removed them and nothing of them is stored), this node's heads of them numbered in the rooms' order (another node committing the
 * same rooms numbers its own heads, and does not wait for this statement's flush), the updates,
 * activity, edits and new writers beside them; and the other nodes' heads of the rooms, as the
 * statement found them. It stores exactly what `RoomLogRepository.append`, `ActivityRepository.add/addEdits`
 * and `AuthorshipRepository.record` store in a transaction of several statements, whose round
 * trips (BEGIN, six statements, COMMIT) were most of a cluster's commit time, and the time
 * another node committing the same room waited for the head's lock.
 */
export class PostgresRoomCommit implements PlainRoomCommits {
  constructor(private readonly q: Queries) {
    if (q.engine !== Engine.postgres) throw new Error('PostgresRoomCommit needs PostgreSQL')
  }

  async store(batch: readonly PlainRoomCommit[], at: number, node: string): Promise<RoomHeads> {
    const minute = Math.floor(at / 60_000)
    const { rooms, authors, edits, writers } = rowsOf(batch)
    const { rows } = await sql<{ room: string; node: string; seq: number }>`
      WITH held AS (
        SELECT name FROM room WHERE name = ANY(${rooms}::text[]) ORDER BY name FOR SHARE
      ),
      head AS (
        INSERT INTO room_head (room, node, seq)
        SELECT name, ${node}, 1 FROM held ORDER BY name
        ON CONFLICT (room, node) DO UPDATE SET seq = room_head.seq + 1
        RETURNING room, seq
      ),
      stored AS (
        INSERT INTO room_update (room, data, node, seq)
        SELECT u.room, u.data, ${node}, head.seq
        FROM unnest(${rooms}::text[], ${batch.map(({ update }) => bytes(update))}::bytea[])
          AS u(room, data)
        JOIN head ON head.room = u.room
        ORDER BY u.room
      ),
      activity AS (
        INSERT INTO room_activity (room, participant_id, minute, updates)
        SELECT a.room, a.participant, ${minute}, a.updates
        FROM unnest(
          ${authors.map(({ room }) => room)}::text[],
          ${authors.map(({ participantId }) => participantId)}::text[],
          ${authors.map(({ updates }) => updates)}::int[]
        ) AS a(room, participant, updates)
        JOIN held ON held.name = a.room
        ORDER BY a.room, a.participant
        ON CONFLICT (room, participant_id, minute)
          DO UPDATE SET updates = room_activity.updates + excluded.updates
      ),
      edited AS (
        INSERT INTO room_edit (room, participant_id, stakeholder_group, minute, added, removed)
        SELECT e.room, p.id, p.stakeholder_group, ${minute}, e.added, e.removed
        FROM unnest(
          ${edits.map(({ room }) => room)}::text[],
          ${edits.map(({ participantId }) => participantId)}::text[],
          ${edits.map(({ added }) => added)}::bigint[],
          ${edits.map(({ removed }) => removed)}::bigint[]
        ) AS e(room, participant, added, removed)
        JOIN held ON held.name = e.room
        JOIN participant p ON p.id = e.participant
        ORDER BY e.room, e.participant
        ON CONFLICT (room, minute, participant_id, stakeholder_group) DO UPDATE SET
          added = room_edit.added + excluded.added,
          removed = room_edit.removed + excluded.removed
      ),
      wrote AS (
        INSERT INTO room_writer (room, client, participant_id, stakeholder_group)
        SELECT w.room, w.client, w.participant,
          (SELECT stakeholder_group FROM participant WHERE id = w.participant)
        FROM unnest(
          ${writers.map(({ room }) => room)}::text[],
          ${writers.map(({ client }) => client)}::bigint[],
          ${writers.map(({ participantId }) => participantId)}::text[]
        ) AS w(room, client, participant)
        JOIN held ON held.name = w.room
        ORDER BY w.room, w.client
        ON CONFLICT (room, client) DO NOTHING
      )
      SELECT room, ${node} AS node, seq FROM head
      UNION ALL
      SELECT h.room, h.node, h.seq FROM room_head h JOIN held ON held.name = h.room
      WHERE h.node <> ${node}`.execute(this.q.db)
    const heads: RoomHeads = new Map()
    for (const { room, node: of, seq } of rows) addRoomHead(heads, room, of, seq)
    return heads
  }
}
