import BetterSqlite3, { type Database } from 'better-sqlite3'
import { migrate } from './migrations.js'

import { applicationId, Durability, prepareFiles } from './sqlite/sqlite-files.js'

export {
  applicationId,
  Durability,
  databaseFileName,
  ensureDataDir,
} from './sqlite/sqlite-files.js'

export interface DatabaseOptions {
  dataDir: string
  durability: Durability
  busyTimeoutMs: number
}

/**
 * Opens (creating if needed) the SQLite database in `dataDir` and brings its schema up to date.
 * `synchronous` is not persistent in SQLite, so it is set on every open: with FULL in WAL mode
 * each commit is fsynced before it returns, which is what lets the server relay an update only
 * once it would survive a power cut. `secure_delete` zeroes every deleted row and freed page, so
 * an erased workspace leaves no bytes in the file once the WAL is checkpointed.
 */
export const openDatabase = (options: DatabaseOptions): Database => {
  const db = new BetterSqlite3(prepareFiles(options.dataDir), { timeout: options.busyTimeoutMs })
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${options.durability === Durability.full ? 'FULL' : 'NORMAL'}`)
  db.pragma('foreign_keys = ON')
  db.pragma('secure_delete = ON')
  const existing = (db.pragma('user_version', { simple: true }) as number) > 0
  migrate(db)
  if ((db.pragma('application_id', { simple: true }) as number) !== applicationId) {
    // A database from before secure_delete may hold deleted rows in free space: rewrite it once.
    if (existing) {
      db.exec('VACUUM')
      db.pragma('wal_checkpoint(TRUNCATE)')
    }
    db.pragma(`application_id = ${applicationId}`)
  }
  return db
}
