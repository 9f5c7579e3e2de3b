import { type Kysely, sql } from 'kysely'
import type { Schema } from '../schema.js'

/** The part of the logger erasure speaks through. */
export interface ErasureLog {
  info(fields: object, message: string): void
  error(fields: object, message: string): void
}

export interface ErasureOptions {
  /** The busy timeout the connection runs with, restored after each attempt. */
  busyTimeoutMs: number
  logger: ErasureLog
  /** Waits between attempts while another process reads the database; then every last one. */
  retryDelaysMs?: readonly number[]
}

interface CheckpointResult {
  busy: number
  log: number
  checkpointed: number
}

const isBusy = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_BUSY')

const defaultDelaysMs = [10, 50, 100, 250, 500, 1000, 2000, 3000, 5000]

/**
 * Makes deleted rows leave the disk. With `secure_delete` on, a delete writes zeroed pages, but
 * the WAL still holds the pages as they were before, until a TRUNCATE checkpoint copies the
 * zeroed ones into the database file and empties the WAL. A reader in another process (a backup,
 * an operator's sqlite3 shell) blocks that checkpoint, so it is retried without ever waiting on
 * the lock in the event loop (the busy timeout is 0 during an attempt).
 */
export class SqliteErasure {
  readonly #delaysMs: readonly number[]
  #closed = false

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly options: ErasureOptions,
  ) {
    this.#delaysMs = options.retryDelaysMs ?? defaultDelaysMs
  }

  /** Stops retrying: the database is closing. */
  close(): void {
    this.#closed = true
  }

  /** One attempt that never waits for a lock: true when the WAL is empty. */
  tryCheckpoint(): Promise<boolean> {
    // One connection for the three statements: nothing else runs between them.
    return this.db.connection().execute(async (connection) => {
      await sql`PRAGMA busy_timeout = 0`.execute(connection)
      try {
        const { rows } = await sql<CheckpointResult>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(
          connection,
        )
        return rows[0]?.busy === 0
      } catch (error) {
        if (isBusy(error)) return false
        throw error
      } finally {
        await sql.raw(`PRAGMA busy_timeout = ${this.options.busyTimeoutMs}`).execute(connection)
      }
    })
  }

  /**
   * Checkpoints and truncates the WAL, retrying while it is blocked. Resolves true once done;
   * false if it was still blocked after every retry, in which case it goes on trying in the
   * background (every last delay) and says so in the log.
   */
  async flush(what: string): Promise<boolean> {
    for (const delay of [0, ...this.#delaysMs]) {
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
      if (this.#closed) return false
      if (await this.tryCheckpoint()) return true
    }
    this.options.logger.error(
      { what },
      'erased rows are still in the write-ahead log: another process keeps reading the database; retrying',
    )
    this.#retryInBackground(what)
    return false
  }

  #retryInBackground(what: string): void {
    const delay = this.#delaysMs.at(-1) ?? 5000
    const timer = setTimeout(async () => {
      if (this.#closed) return
      try {
        if (await this.tryCheckpoint())
          this.options.logger.info({ what }, 'erased rows left the disk')
        else this.#retryInBackground(what)
      } catch (error) {
        this.options.logger.error({ what, err: error }, 'erased rows: checkpoint failed')
      }
    }, delay)
    timer.unref()
  }
}
