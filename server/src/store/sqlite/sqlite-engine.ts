import { Kysely, sql } from 'kysely'
import { migrate } from '../migrations/migrate.js'
import type { Schema } from '../schema.js'
import { applicationId, Durability, prepareFiles } from './sqlite-files.js'
import { SqliteReader } from './sqlite-reader.js'
import { SqliteThread } from './sqlite-thread.js'
import { SqliteThreadDialect } from './sqlite-thread-dialect.js'

export interface SqliteOptions {
  dataDir: string
  durability: Durability
  busyTimeoutMs: number
  /** Hears that a store thread ended on its own: nothing more can be stored or checkpointed. */
  threadEnded?: (error: Error) => void
  /** Test-only: each commit holds the writer thread this much longer, as a stalling disk would. */
  stallCommitsMs?: number
}

export interface SqliteDatabase {
  db: Kysely<Schema>
  /** Compiled statements in one transaction of their own, one trip to the writer thread. */
  together: SqliteThreadDialect['together']
}

/**
 * Opens (creating if needed) the SQLite database in `dataDir` and brings its schema up to date.
 * Its one connection lives in a worker thread (sqlite-writer-thread.ts): a commit's flush never
 * blocks the event loop. `synchronous` is not persistent in SQLite, so it is set on every open:
 * with FULL in WAL mode each commit is fsynced before it returns, which is what lets the server
 * relay an update only once it would survive a power cut. `secure_delete` zeroes every deleted
 * row and freed page, so an erased workspace leaves no bytes in the file once the WAL is
 * checkpointed. A second thread (sqlite-checkpoint-thread.ts) runs the checkpoints, and a
 * read-only connection on the main thread (sqlite-reader.ts) answers reads made outside a write
 * transaction.
 */
export const openSqlite = async (options: SqliteOptions): Promise<SqliteDatabase> => {
  const threadOptions = {
    path: prepareFiles(options.dataDir),
    synchronous: options.durability === Durability.full ? 'FULL' : 'NORMAL',
    busyTimeoutMs: options.busyTimeoutMs,
    stallCommitsMs: options.stallCommitsMs ?? 0,
  } as const
  const ended = (error: Error) => options.threadEnded?.(error)
  const writer = await SqliteThread.start('sqlite-writer-thread', threadOptions, ended)
  let checkpoints: SqliteThread | undefined
  let reader: SqliteReader | undefined
  const dialect = new SqliteThreadDialect(
    writer,
    async () => {
      reader?.close()
      reader = undefined
      await checkpoints?.close()
    },
    () => reader,
  )
  const db = new Kysely<Schema>({ dialect })
  try {
    const { rows: versions } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db)
    const existing = (versions[0]?.user_version ?? 0) > 0
    await migrate(db, 'sqlite')
    const { rows } = await sql<{ application_id: number }>`PRAGMA application_id`.execute(db)
    if (rows[0]?.application_id !== applicationId) {
      // A database from before secure_delete may hold deleted rows in free space: rewrite it once.
      if (existing) {
        await sql`VACUUM`.execute(db)
        await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db)
      }
      await sql.raw(`PRAGMA application_id = ${applicationId}`).execute(db)
    }
    // Started once the writer has made the database a WAL one.
    checkpoints = await SqliteThread.start('sqlite-checkpoint-thread', threadOptions, ended)
    // Opened once the schema is up to date (it reads nothing before that).
    reader = new SqliteReader(threadOptions.path, options.busyTimeoutMs)
  } catch (error) {
    await db.destroy()
    throw error
  }
  return { db, together: (statements) => dialect.together(statements) }
}
