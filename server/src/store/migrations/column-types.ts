import { type ColumnDataType, type CreateTableBuilder, type Kysely, sql } from 'kysely'
import { Engine } from '../schema.js'

/** Column types that differ between the engines; everything else is written once. */
export interface ColumnTypes {
  bytes: ColumnDataType
  /** A 64-bit integer: Yjs client ids and clocks, millisecond times. */
  bigint: ColumnDataType
  engine: Engine
}

export const columnTypes = (engine: Engine): ColumnTypes =>
  engine === Engine.sqlite
    ? { bytes: 'blob', bigint: 'integer', engine }
    : { bytes: 'bytea', bigint: 'bigint', engine }

// biome-ignore lint/suspicious/noExplicitAny: a table builder of any name and columns
type AnyTable = CreateTableBuilder<any, any>

/**
 * An integer key the database hands out in insertion order: SQLite's rowid alias, an identity
 * column on PostgreSQL.
 */
export const withId = (table: AnyTable, types: ColumnTypes): AnyTable =>
  types.engine === Engine.sqlite
    ? table.addColumn('id', 'integer', (column) => column.primaryKey())
    : table.addColumn('id', 'bigint', (column) =>
        column.primaryKey().generatedByDefaultAsIdentity(),
      )

/** SQLite stores a table keyed by its primary key alone without a rowid; PostgreSQL has no such thing. */
export const withoutRowId = (table: AnyTable, types: ColumnTypes): AnyTable =>
  types.engine === Engine.sqlite ? table.modifyEnd(sql`without rowid`) : table

export type MigrationDb = Kysely<unknown>
