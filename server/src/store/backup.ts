import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { lockDataDir } from './data-dir-lock.js'
import { schemaVersion } from './migrations/migrate.js'
import { applicationId, databaseFileName, ensureDataDir } from './sqlite/sqlite-files.js'

/** Why a backup or restore was refused, in one sentence for the operator. */
export class BackupError extends Error {}

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1')

/** Creates `path` for this user alone (0600); refuses if it exists (another run is under way). */
const createPrivate = (path: string): void => {
  if (!existsSync(dirname(path))) throw new BackupError(`${dirname(path)} does not exist`)
  try {
    closeSync(openSync(path, 'wx', 0o600))
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') {
      throw new BackupError(
        `${path} exists: another backup or restore is under way, or was cut off`,
      )
    }
    throw error
  }
}

const fsyncPath = (path: string): void => {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Moves a finished file into place so that a crash leaves either nothing or all of it. */
const publish = (partial: string, target: string): void => {
  fsyncPath(partial)
  renameSync(partial, target)
  fsyncPath(dirname(target))
}

/**
 * Copies the live database to `partial` with SQLite's online backup API, in one step: one read
 * transaction, so the copy is one consistent moment even while the server commits (WAL readers
 * never block its writers), and never restarts because a commit changed a page mid-copy.
 * The copy leaves WAL mode, so the file is whole on its own.
 */
const copyDatabase = async (source: string, partial: string): Promise<void> => {
  const db = new BetterSqlite3(source, { fileMustExist: true })
  try {
    await db.backup(partial, { progress: () => 0x7fffffff })
  } finally {
    db.close()
  }
  const copy = new BetterSqlite3(partial)
  try {
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
}

/** Writes a consistent copy of `dataDir`'s database to `target` (0600), while the server runs. */
export const backupDatabase = async (dataDir: string, target: string): Promise<void> => {
  const source = join(dataDir, databaseFileName)
  if (!existsSync(source)) throw new BackupError(`there is no database to back up in ${dataDir}`)
  if (existsSync(target)) throw new BackupError(`${target} exists already; choose a new file`)
  const partial = `${target}.partial`
  createPrivate(partial)
  try {
    await copyDatabase(source, partial)
    checkBackup(partial)
    publish(partial, target)
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
}

const readHeader = (file: string): Buffer => {
  const header = Buffer.alloc(sqliteHeader.length)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, header, 0, header.length, 0)
  } finally {
    closeSync(fd)
  }
  return header
}

/** Refuses anything but a whole Mufakat database this version can open. */
export const checkBackup = (file: string): void => {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`)
  if (!readHeader(file).equals(sqliteHeader)) {
    throw new BackupError(`${file} is not a Mufakat backup (not an SQLite database)`)
  }
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
  try {
    const id = db.pragma('application_id', { simple: true }) as number
    const version = db.pragma('user_version', { simple: true }) as number
    // Databases from before application_id was set are recognised by their tables.
    const hasTables =
      db
        .prepare(
          "SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('workspace', 'room_update')",
        )
        .pluck()
        .get() === 2
    if (!(id === applicationId || (id === 0 && version > 0 && hasTables))) {
      throw new BackupError(`${file} is not a Mufakat backup`)
    }
    if (version > schemaVersion) {
      throw new BackupError(
        `${file} has schema version ${version}, newer than this Mufakat's ${schemaVersion}: upgrade Mufakat first`,
      )
    }
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new BackupError(`${file} is damaged: ${String(check)}`)
  } finally {
    db.close()
  }
}

/**
 * Restores a backup into `dataDir`, which must hold no database and no running server: the
 * directory's lock (held by every running server) is taken for the whole restore, so no server
 * can start on a half-written file either.
 */
export const restoreDatabase = async (file: string, dataDir: string): Promise<void> => {
  checkBackup(file)
  ensureDataDir(dataDir)
  const lock = lockDataDir(dataDir)
  if (!lock) throw new BackupError(`a Mufakat server is running on ${dataDir}: stop it first`)
  try {
    const target = join(dataDir, databaseFileName)
    if (existsSync(target) || existsSync(`${target}-wal`)) {
      throw new BackupError(`${dataDir} holds a database already: move it away first`)
    }
    const partial = `${target}.restoring`
    rmSync(partial, { force: true })
    createPrivate(partial)
    try {
      await copyDatabase(file, partial)
      publish(partial, target)
    } catch (error) {
      rmSync(partial, { force: true })
      throw error
    }
  } finally {
    lock.release()
  }
}
