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

/** One statement of a `TogetherRequest`. */
export interface TogetherStatement {
  sql: string
  parameters: readonly unknown[]
}

/**
 * Statements to run in one transaction of their own (BEGIN IMMEDIATE, each in order, COMMIT),
 * in one message and one answer: none needs what an earlier one answered. One that fails rolls
 * them all back, and the answer is its failure.
 */
export interface TogetherRequest {
  id: number
  together: readonly TogetherStatement[]
}

export interface SqliteFailure {
  message: string
  /** SQLite's extended result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE`, …), if any. */
  code?: string
}

/** What one statement answered: its rows (a query, or RETURNING), or what it changed. */
export type StatementAnswer =
  | { rows: Record<string, unknown>[] }
  | { changes: number; lastInsertRowid: number | bigint }

export type QueryReply = ({ id: number } & StatementAnswer) | { id: number; failed: SqliteFailure }

/** The answer to a `TogetherRequest`: each statement's, in order, once committed. */
export type TogetherReply =
  | { id: number; answers: StatementAnswer[] }
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
