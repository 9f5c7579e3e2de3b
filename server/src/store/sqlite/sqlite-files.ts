import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'

export const Durability = { full: 'full', normal: 'normal' } as const
export type Durability = (typeof Durability)[keyof typeof Durability]

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
export const prepareFiles = (dataDir: string): string => {
  ensureDataDir(dataDir)
  const path = join(dataDir, databaseFileName)
  closeSync(openSync(path, 'a', fileMode))
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, fileMode)
  }
  return path
}
