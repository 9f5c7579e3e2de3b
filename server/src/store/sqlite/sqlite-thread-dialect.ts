import {
  CompiledQuery as Compiled,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type TransactionSettings,
} from 'kysely'
import type { SqliteReader } from './sqlite-reader.js'
import type { SqliteThread } from './sqlite-thread.js'
import type { StatementAnswer } from './sqlite-thread-messages.js'

/** SQLite's DDL is transactional: migrations run in one transaction, as they did before Kysely. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

/** Bytes cross threads as bare Uint8Arrays; both drivers hand the store Buffers. */
const withBuffers = (row: Record<string, unknown>): Record<string, unknown> => {
  for (const [column, value] of Object.entries(row)) {
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
      row[column] = Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    }
  }
  return row
}

/** Kysely's single-connection mutex: a transaction holds the one connection until it ends. */
class ConnectionMutex {
  #held: Promise<void> | undefined
  #release: (() => void) | undefined

  async lock(): Promise<void> {
    while (this.#held) await this.#held
    this.#held = new Promise((resolve) => {
      this.#release = resolve
    })
  }

  unlock(): void {
    const release = this.#release
    this.#held = undefined
    this.#release = undefined
    release?.()
  }
}

const raw = (sql: string) => Compiled.raw(sql)

/** A statement's answer from the thread, as Kysely hands results back. */
const resultOf = <R>(answer: StatementAnswer): QueryResult<R> =>
  'rows' in answer
    ? { rows: answer.rows.map(withBuffers) as R[] }
    : {
        numAffectedRows: BigInt(answer.changes),
        insertId: BigInt(answer.lastInsertRowid),
        rows: [],
      }

/** Where a lease's statements run: not decided yet, the writer thread, or a read on the reader. */
type Holding = 'nothing' | 'writer' | 'read transaction'

/**
 * What Kysely takes for a connection: a lease on the writer thread's one connection, taken only
 * once a statement needs it (a write, or anything in a write transaction) and kept until Kysely
 * releases the lease, so the statements of one lease never interleave with another's. A read
 * outside a write transaction, and a read-only transaction, run on the main thread's reader.
 */
class Lease implements DatabaseConnection {
  #holding: Holding = 'nothing'

  constructor(
    private readonly thread: SqliteThread,
    private readonly writer: ConnectionMutex,
    private readonly readers: ConnectionMutex,
    private readonly reader: () => SqliteReader | undefined,
  ) {}

  async executeQuery<R>({ sql, parameters }: CompiledQuery): Promise<QueryResult<R>> {
    const reader = this.reader()
    if (this.#holding === 'read transaction' && reader) {
      return { rows: reader.all(sql, parameters) as R[] }
    }
    if (this.#holding === 'nothing' && reader?.reads(sql)) {
      return { rows: reader.all(sql, parameters) as R[] }
    }
    await this.holdWriter()
    return resultOf<R>(await this.thread.query(sql, parameters))
  }

  async holdWriter(): Promise<void> {
    if (this.#holding === 'writer') return
    await this.writer.lock()
    this.#holding = 'writer'
  }

  /** One snapshot for the reads of a read-only transaction; false if there is no reader yet. */
  async beginRead(): Promise<boolean> {
    const reader = this.reader()
    if (!reader || this.#holding !== 'nothing') return false
    await this.readers.lock()
    this.#holding = 'read transaction'
    try {
      reader.run('begin')
    } catch (error) {
      this.release()
      throw error
    }
    return true
  }

  /** Ends the transaction under way (`commit` or `rollback`) where it runs. */
  async end(sql: 'commit' | 'rollback'): Promise<void> {
    const reader = this.reader()
    if (this.#holding === 'read transaction' && reader) reader.run(sql)
    else await this.executeQuery(raw(sql))
  }

  release(): void {
    if (this.#holding === 'writer') this.writer.unlock()
    if (this.#holding === 'read transaction') this.readers.unlock()
    this.#holding = 'nothing'
  }

  // biome-ignore lint/correctness/useYield: nothing to stream; the store never asks to
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite thread does not stream results')
  }
}

/** Kysely's SQLite driver, with the writing connection in a thread and a reader beside it. */
class ThreadDriver implements Driver {
  constructor(
    private readonly writer: ConnectionMutex,
    private readonly readers: ConnectionMutex,
    private readonly thread: SqliteThread,
    private readonly reader: () => SqliteReader | undefined,
    private readonly beforeClose: () => Promise<void>,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Lease(this.thread, this.writer, this.readers, this.reader)
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const lease = connection as Lease
    if (settings.accessMode === 'read only' && (await lease.beginRead())) return
    await lease.holdWriter()
    await lease.executeQuery(raw('begin'))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Lease).end('commit')
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Lease).end('rollback')
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    ;(connection as Lease).release()
  }

  async destroy(): Promise<void> {
    await this.beforeClose()
    await this.thread.close()
  }
}

/**
 * SQLite through a connection that lives in a worker thread (see sqlite-writer-thread.ts), and
 * reads beside it on the main thread's reader (sqlite-reader.ts) once there is one.
 */
export class SqliteThreadDialect implements Dialect {
  /** The writer thread's one connection, taken by a lease or a transaction sent whole. */
  readonly #writer = new ConnectionMutex()
  readonly #readers = new ConnectionMutex()

  /** `beforeClose` runs as the database is destroyed, before the thread's connection closes. */
  constructor(
    private readonly thread: SqliteThread,
    private readonly beforeClose: () => Promise<void> = async () => {},
    private readonly reader: () => SqliteReader | undefined = () => undefined,
  ) {}

  createDriver(): Driver {
    return new ThreadDriver(this.#writer, this.#readers, this.thread, this.reader, this.beforeClose)
  }

  /**
   * Runs compiled statements in one transaction of their own, sent to the writer thread in one
   * message (see `SqliteThread.together`), once no lease holds its connection; answers each
   * statement's result once it has committed.
   */
  async together(statements: readonly CompiledQuery[]): Promise<QueryResult<unknown>[]> {
    await this.#writer.lock()
    try {
      const answers = await this.thread.together(statements)
      return answers.map((answer) => resultOf(answer))
    } finally {
      this.#writer.unlock()
    }
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler()
  }

  createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter()
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db)
  }
}
