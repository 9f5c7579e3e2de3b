import { chmodSync, closeSync, openSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'

export const lockFileName = 'mufakat.lock'

export interface DataDirLock {
  release(): void
}

/** SQLite's "database is locked" codes: another process holds the lock. */
const isBusy = (error: unknown): boolean =>
  error instanceof Error &&
  'code' in error &&
  (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED')

/**
 * Claims `dataDir` for this process: one server, or one restore, at a time. The lock is an
 * exclusive SQLite lock on a small file of its own (a POSIX lock), held until `release` or until
 * the process ends in any way (even `kill -9`), so a crash never leaves a stale lock behind.
 * Answers undefined when another process holds it.
 */
export const lockDataDir = (dataDir: string): DataDirLock | undefined => {
  const path = join(dataDir, lockFileName)
  closeSync(openSync(path, 'a', 0o600))
  chmodSync(path, 0o600)
  const db = new BetterSqlite3(path, { timeout: 0 })
  try {
    // In EXCLUSIVE locking mode the lock taken by the first write is kept until close.
    // No journal file: what the lock file holds does not matter, only that it is locked.
    db.pragma('journal_mode = MEMORY')
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER); DELETE FROM holder')
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid)
  } catch (error) {
    db.close()
    if (isBusy(error)) return undefined
    throw error
  }
  return { release: () => db.close() }
}
