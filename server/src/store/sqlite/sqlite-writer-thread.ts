import type { Statement } from 'better-sqlite3'
import {
  type CloseRequest,
  failureOf,
  openInThread,
  type QueryReply,
  type QueryRequest,
  type StatementAnswer,
  type TogetherReply,
  type TogetherRequest,
} from './sqlite-thread-messages.js'

/*
 * The thread that owns the store's one SQLite connection. Every statement runs here, so the
 * flush of a commit (`synchronous=FULL`), a busy wait for the write lock, a checkpoint after
 * an erasure and compaction's writes block this thread, never the event loop: the main thread
 * sends a statement and goes on serving sockets until the answer comes back.
 */

/** Statements are prepared once (the unit of work and the room log repeat a few dozen). */
const preparedLimit = 500

const { port, connection, options } = openInThread((connection, options) => {
  connection.pragma('journal_mode = WAL')
  connection.pragma(`synchronous = ${options.synchronous}`)
  connection.pragma('foreign_keys = ON')
  connection.pragma('secure_delete = ON')
  // No commit pays for a checkpoint: the checkpoint thread runs them on its own connection.
  connection.pragma('wal_autocheckpoint = 0')
})

const { stallCommitsMs } = options
const prepared = new Map<string, Statement>()

const statement = (sql: string): Statement => {
  let found = prepared.get(sql)
  if (!found) {
    if (prepared.size >= preparedLimit) prepared.clear()
    found = connection.prepare(sql)
    prepared.set(sql, found)
  }
  return found
}

/** Whether the transaction under way has written: only then does its commit flush. */
let wrote = false

/** A test's stalling disk: the thread is held as a flush that takes long would hold it. */
const stallBefore = (sql: string, readonly: boolean): void => {
  if (sql === 'commit') {
    if (wrote) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, stallCommitsMs)
    wrote = false
  } else if (!readonly) wrote = true
}

/** Runs one statement; throws what SQLite threw. */
const execute = (sql: string, parameters: readonly unknown[]): StatementAnswer => {
  const prepared = statement(sql)
  if (stallCommitsMs > 0) stallBefore(sql, prepared.readonly)
  if (prepared.reader) return { rows: prepared.all(parameters) as Record<string, unknown>[] }
  const { changes, lastInsertRowid } = prepared.run(parameters)
  return { changes, lastInsertRowid }
}

const run = ({ id, sql, parameters }: QueryRequest): QueryReply => {
  try {
    return { id, ...execute(sql, parameters) }
  } catch (error) {
    return { id, failed: failureOf(error) }
  }
}

/**
 * A whole transaction from one message: the main thread waits for one answer instead of one
 * per statement (each of which waited for a turn of its busy event loop). It commits, flush
 * included, before answering, exactly as a COMMIT sent on its own would.
 */
const runTogether = ({ id, together }: TogetherRequest): TogetherReply => {
  try {
    execute('begin immediate', [])
    const answers = together.map(({ sql, parameters }) => execute(sql, parameters))
    execute('commit', [])
    return { id, answers }
  } catch (error) {
    // A failed COMMIT, or an I/O error, may have ended the transaction already. A ROLLBACK that
    // fails ends the thread (its connection's state is unknown), and with it the server.
    if (connection.inTransaction) execute('rollback', [])
    wrote = false
    return { id, failed: failureOf(error) }
  }
}

port.on('message', (message: QueryRequest | TogetherRequest | CloseRequest) => {
  if ('close' in message) {
    // The last connection to close checkpoints the WAL into the database and removes it.
    connection.close()
    port.postMessage({ closed: true })
    port.close()
    return
  }
  port.postMessage('together' in message ? runTogether(message) : run(message))
})
