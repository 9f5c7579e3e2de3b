import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { migrate } from './migrations.js'

export const Durability = { full: 'full', normal: 'normal' } as const
export type Durability = (typeof Durability)[keyof typeof Durability]

export interface DatabaseOptions {
  dataDir: string
  durability: Durability
  busyTimeoutMs: number
}

export const databaseFileName = 'mufakat.db'

/** `PRAGMA application_id` of a Mufakat database ("MFKT"): how tools tell ours from others. */
export const applicationId = 0x4d464b54

/** Only the server's own user may read what the database holds: names, plans, tokens' hashes. */
const fileMode = 0o600
const dirMode = 0o700

/** Creates the data directory for the server's user alone; an existing one is left as it is. */
export const ensureDataDir = (dataDir: string): void => {
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: dirMode })
}

/**
 * The database file, created (or narrowed) to 0600 before SQLite opens it: SQLite gives the
 * -wal and -shm files the mode of the database file, so they follow.
 */
const prepareFiles = (dataDir: string): string => {
  ensureDataDir(dataDir)
  const path = join(dataDir, databaseFileName)
  closeSync(openSync(path, 'a', fileMode))
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, fileMode)
  }
  return path
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
