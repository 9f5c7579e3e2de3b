import { type MessagePort, parentPort, workerData } from 'node:worker_threads'
import BetterSqlite3 from 'better-sqlite3'

/** What a SQLite thread opens, and how. */
export interface SqliteThreadOptions {
  path: string
  /** `PRAGMA synchronous`: FULL flushes every commit, NORMAL only at checkpoints. */
  synchronous: 'FULL' | 'NORMAL'
  busyTimeoutMs: number
  /** Test-only: each commit holds the thread this much longer, as a stalling disk would. */
  stallCommitsMs: number
}

/** One statement for the thread's connection; at most one is in flight (one connection). */
export interface QueryRequest {
  id: number
  sql: string
  parameters: readonly unknown[]
}

export interface SqliteFailure {
  message: string
  /** SQLite's extended result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE`, …), if any. */
  code?: string
}

export type QueryReply =
  | { id: number; rows: Record<string, unknown>[] }
  | { id: number; changes: number; lastInsertRowid: number | bigint }
  | { id: number; failed: SqliteFailure }

/** A thread's first message: its connection is open (and configured), or it could not be. */
export type ThreadReady = { ready: true } | { ready: false; failed: SqliteFailure }

/** Asks a thread to close its connection and end; it answers `{ closed: true }`. */
export interface CloseRequest {
  close: true
}

export const failureOf = (error: unknown): SqliteFailure => {
  if (!(error instanceof Error)) return { message: String(error) }
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined
  return code ? { message: error.message, code } : { message: error.message }
}

/** The failure as an Error again, with its code, so callers can tell a busy database apart. */
export const errorOf = (failure: SqliteFailure): Error =>
  Object.assign(new Error(failure.message), failure.code ? { code: failure.code } : {})

/**
 * In one of the store's threads: opens its connection to the database in `workerData`, set up
 * by `configure`, and tells the main thread it is ready (or why not, and ends).
 */
export const openInThread = (
  configure: (connection: BetterSqlite3.Database, options: SqliteThreadOptions) => void,
  busyTimeoutMs?: number,
): { port: MessagePort; connection: BetterSqlite3.Database; options: SqliteThreadOptions } => {
  const port = parentPort
  if (!port) throw new Error('the store opens this module as a worker thread')
  const options = workerData as SqliteThreadOptions
  try {
    const connection = new BetterSqlite3(options.path, {
      timeout: busyTimeoutMs ?? options.busyTimeoutMs,
    })
    configure(connection, options)
    port.postMessage({ ready: true } satisfies ThreadReady)
    return { port, connection, options }
  } catch (error) {
    port.postMessage({ ready: false, failed: failureOf(error) } satisfies ThreadReady)
    process.exit(1)
  }
}
