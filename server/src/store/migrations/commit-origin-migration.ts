import { sql } from 'kysely'
import type { ColumnTypes, MigrationDb } from './column-types.js'

/**
 * 22: a room's commits numbered per node that made them (1, 2, 3… for each), where one number
 * was shared by all nodes: the head's row lock then made a node committing a room wait through
 * another node's whole commit and flush, and a room advanced one flush at a time cluster-wide.
 * Each log row says which node numbered it, each head is a room's and a node's, and a snapshot
 * keeps each node's last number it folds (JSON). What was numbered before is the nodes' ''.
 */
export const commitOrigins = async (db: MigrationDb, t: ColumnTypes) => {
  await db.schema
    .alterTable('room_update')
    .addColumn('node', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .createTable('room_node_head')
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('node', 'text', (c) => c.notNull())
    .addColumn('seq', t.bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('room_node_head_pk', ['room', 'node'])
    .execute()
  await sql`INSERT INTO room_node_head (room, node, seq) SELECT room, '', seq FROM room_head`.execute(
    db,
  )
  await db.schema.dropTable('room_head').execute()
  await db.schema.alterTable('room_node_head').renameTo('room_head').execute()
  await db.schema
    .alterTable('room_snapshot')
    .addColumn('heads', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute()
  // `{"": seq}`, written alike on both engines.
  await sql`UPDATE room_snapshot SET heads = '{"":' || seq || '}' WHERE seq > 0`.execute(db)
  await db.schema.alterTable('room_snapshot').dropColumn('seq').execute()
}
