import type { Database } from 'better-sqlite3'

/** Something to do once the transaction has committed; a promise it returns is waited for. */
export type Effect = () => unknown

/** What `work` is given: the repositories, and a way to act once everything has committed. */
export type Work<R> = R & { afterCommit(effect: Effect): void }

export interface UnitOfWorkOptions {
  /** Hears of an effect that threw or rejected: its transaction had committed all the same. */
  effectFailed(error: unknown): void
}

/**
 * better-sqlite3's transactions as a unit of work over a set of repositories. `work` runs in
 * one transaction; a call inside another becomes a savepoint of the outer one (better-sqlite3
 * nests them so) and its effects join the outer unit's. Effects run in the order registered,
 * right after the outermost commit, and are dropped with a rollback: a savepoint rolled back
 * (its error caught by the outer work) drops only its own.
 */
export class SqliteUnitOfWork<R extends object> {
  /** The effects of the outermost unit in progress; undefined when none is. */
  #effects: Effect[] | undefined
  readonly #running = new Set<Promise<unknown>>()
  /** Runs work in a transaction, or a savepoint inside one; prepared once (it is on every commit). */
  readonly #inTransaction: (work: (tx: Work<R>) => unknown) => unknown

  constructor(
    db: Database,
    repositories: R,
    private readonly options: UnitOfWorkOptions,
  ) {
    const tx: Work<R> = { ...repositories, afterCommit: (effect) => this.afterCommit(effect) }
    this.#inTransaction = db.transaction((work: (tx: Work<R>) => unknown) => work(tx))
  }

  /** Whether a unit is in progress (a storage commit must never join one). */
  get active(): boolean {
    return this.#effects !== undefined
  }

  transaction<T>(work: (tx: Work<R>) => T): T {
    const outer = this.#effects
    if (outer) {
      const before = outer.length
      try {
        return this.#inTransaction(work) as T
      } catch (error) {
        outer.length = before
        throw error
      }
    }
    const effects: Effect[] = []
    this.#effects = effects
    let result: T
    try {
      result = this.#inTransaction(work) as T
    } finally {
      this.#effects = undefined
    }
    for (const effect of effects) this.#run(effect)
    return result
  }

  /** Registers an effect with the unit in progress; outside one there is nothing to wait for. */
  afterCommit(effect: Effect): void {
    if (!this.#effects) throw new Error('afterCommit outside a unit of work')
    this.#effects.push(effect)
  }

  async settled(): Promise<void> {
    await Promise.all([...this.#running])
  }

  #run(effect: Effect): void {
    let outcome: unknown
    try {
      outcome = effect()
    } catch (error) {
      this.options.effectFailed(error)
      return
    }
    if (!(outcome instanceof Promise)) return
    const running: Promise<unknown> = outcome
      .catch((error: unknown) => this.options.effectFailed(error))
      .finally(() => this.#running.delete(running))
    this.#running.add(running)
  }
}
