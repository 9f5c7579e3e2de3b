import BetterSqlite3, { type Statement } from 'better-sqlite3'

/** Only statements that start with these words may run on the reader (and only if they write nothing). */
const reading = /^\s*(select|with)\s/i

/** Statements are prepared once, as in the writer thread. */
const preparedLimit = 500

/**
 * A read-only connection on the main thread, for reads made outside a write transaction (a
 * socket's token and room, a room's history as it loads). In WAL mode a read never waits for
 * the writer, and a small one takes microseconds: sent to the writer thread, it paid two
 * messages and a wake-up of each thread, and waited behind whatever transaction (a commit's
 * flush) held the one connection there. It sees what is committed, as a read on a second
 * PostgreSQL connection would.
 */
export class SqliteReader {
  readonly #connection: BetterSqlite3.Database
  readonly #prepared = new Map<string, Statement>()

  constructor(path: string, busyTimeoutMs: number) {
    this.#connection = new BetterSqlite3(path, {
      readonly: true,
      fileMustExist: true,
      timeout: busyTimeoutMs,
    })
  }

  /** Whether `sql` only reads, so it may run here rather than in the writer thread. */
  reads(sql: string): boolean {
    return reading.test(sql) && this.#statement(sql).readonly
  }

  all(sql: string, parameters: readonly unknown[]): Record<string, unknown>[] {
    return this.#statement(sql).all(parameters) as Record<string, unknown>[]
  }

  /** `begin`, `commit` or `rollback` of a read transaction (one snapshot for several reads). */
  run(sql: string): void {
    this.#statement(sql).run()
  }

  close(): void {
    this.#prepared.clear()
    this.#connection.close()
  }

  #statement(sql: string): Statement {
    let found = this.#prepared.get(sql)
    if (!found) {
      if (this.#prepared.size >= preparedLimit) this.#prepared.clear()
      found = this.#connection.prepare(sql)
      this.#prepared.set(sql, found)
    }
    return found
  }
}
