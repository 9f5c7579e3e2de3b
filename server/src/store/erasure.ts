import type { Database } from 'better-sqlite3'

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
export class Erasure {
  readonly #delaysMs: readonly number[]

  constructor(
    private readonly db: Database,
    private readonly options: ErasureOptions,
  ) {
    this.#delaysMs = options.retryDelaysMs ?? defaultDelaysMs
  }

  /** One attempt that never waits for a lock: true when the WAL is empty. */
  tryCheckpoint(): boolean {
    // A unit of work holds the connection: its transaction would block the checkpoint anyway.
    if (this.db.inTransaction) return false
    this.db.pragma('busy_timeout = 0')
    try {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as CheckpointResult[]
      return result?.busy === 0
    } catch (error) {
      if (isBusy(error)) return false
      throw error
    } finally {
      this.db.pragma(`busy_timeout = ${this.options.busyTimeoutMs}`)
    }
  }

  /**
   * Checkpoints and truncates the WAL, retrying while it is blocked. Resolves true once done;
   * false if it was still blocked after every retry, in which case it goes on trying in the
   * background (every last delay) and says so in the log.
   */
  async flush(what: string): Promise<boolean> {
    for (const delay of [0, ...this.#delaysMs]) {
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
      if (!this.db.open) return false
      if (this.tryCheckpoint()) return true
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
    const timer = setTimeout(() => {
      if (!this.db.open) return
      if (this.tryCheckpoint()) this.options.logger.info({ what }, 'erased rows left the disk')
      else this.#retryInBackground(what)
    }, delay)
    timer.unref()
  }
}
