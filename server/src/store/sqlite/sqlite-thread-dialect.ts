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
} from 'kysely'
import type { SqliteThread } from './sqlite-thread.js'

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

class ThreadConnection implements DatabaseConnection {
  constructor(private readonly thread: SqliteThread) {}

  async executeQuery<R>({ sql, parameters }: CompiledQuery): Promise<QueryResult<R>> {
    const answer = await this.thread.query(sql, parameters)
    if ('rows' in answer) return { rows: answer.rows.map(withBuffers) as R[] }
    return {
      numAffectedRows: BigInt(answer.changes),
      insertId: BigInt(answer.lastInsertRowid),
      rows: [],
    }
  }

  // biome-ignore lint/correctness/useYield: nothing to stream; the store never asks to
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite thread does not stream results')
  }
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

/** Kysely's SQLite driver, with the connection in a thread instead of on the event loop. */
class ThreadDriver implements Driver {
  readonly #mutex = new ConnectionMutex()
  readonly #connection: ThreadConnection

  constructor(
    private readonly thread: SqliteThread,
    private readonly beforeClose: () => Promise<void>,
  ) {
    this.#connection = new ThreadConnection(thread)
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock()
    return this.#connection
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(raw('begin'))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(raw('rollback'))
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock()
  }

  async destroy(): Promise<void> {
    await this.beforeClose()
    await this.thread.close()
  }
}

/** SQLite through a connection that lives in a worker thread (see sqlite-writer-thread.ts). */
export class SqliteThreadDialect implements Dialect {
  /** `beforeClose` runs as the database is destroyed, before the thread's connection closes. */
  constructor(
    private readonly thread: SqliteThread,
    private readonly beforeClose: () => Promise<void> = async () => {},
  ) {}

  createDriver(): Driver {
    return new ThreadDriver(this.thread, this.beforeClose)
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
