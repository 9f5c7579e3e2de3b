import BetterSqlite3, { type Database } from 'better-sqlite3'
import { Kysely, SqliteAdapter, SqliteDialect, sql } from 'kysely'
import { migrate } from '../migrations/migrate.js'
import type { Schema } from '../schema.js'
import { applicationId, Durability, prepareFiles } from './sqlite-files.js'

export interface SqliteOptions {
  dataDir: string
  durability: Durability
  busyTimeoutMs: number
}

/** SQLite's DDL is transactional: migrations run in one transaction, as they did before Kysely. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

class MufakatSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalSqliteAdapter()
  }
}

export interface SqliteDatabase {
  db: Kysely<Schema>
  /** The driver's connection, for what only SQLite has: checkpoints, `data_version`. */
  connection: Database
}

/**
 * Opens (creating if needed) the SQLite database in `dataDir` and brings its schema up to date.
 * `synchronous` is not persistent in SQLite, so it is set on every open: with FULL in WAL mode
 * each commit is fsynced before it returns, which is what lets the server relay an update only
 * once it would survive a power cut. `secure_delete` zeroes every deleted row and freed page, so
 * an erased workspace leaves no bytes in the file once the WAL is checkpointed.
 */
export const openSqlite = async (options: SqliteOptions): Promise<SqliteDatabase> => {
  const connection = new BetterSqlite3(prepareFiles(options.dataDir), {
    timeout: options.busyTimeoutMs,
  })
  connection.pragma('journal_mode = WAL')
  connection.pragma(`synchronous = ${options.durability === Durability.full ? 'FULL' : 'NORMAL'}`)
  connection.pragma('foreign_keys = ON')
  connection.pragma('secure_delete = ON')
  const existing = (connection.pragma('user_version', { simple: true }) as number) > 0
  const db = new Kysely<Schema>({ dialect: new MufakatSqliteDialect({ database: connection }) })
  try {
    await migrate(db, 'sqlite')
    if ((connection.pragma('application_id', { simple: true }) as number) !== applicationId) {
      // A database from before secure_delete may hold deleted rows in free space: rewrite it once.
      if (existing) {
        await sql`VACUUM`.execute(db)
        await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db)
      }
      await sql.raw(`PRAGMA application_id = ${applicationId}`).execute(db)
    }
  } catch (error) {
    await db.destroy()
    throw error
  }
  return { db, connection }
}
