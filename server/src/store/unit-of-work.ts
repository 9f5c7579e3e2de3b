import type { Database } from 'better-sqlite3'

/** Something to do once the transaction has committed; a promise it returns is waited for. */
export type Effect = () => unknown

/** What `work` is given: the repositories, and a way to act once everything has committed. */
export type Work<R> = R & { afterCommit(effect: Effect): Promise<void> }

export interface UnitOfWorkOptions {
  /** Hears of an effect that threw or rejected: its transaction had committed all the same. */
  effectFailed(error: unknown): void
}

interface Pending {
  effect: Effect
  /** Settles the promise `afterCommit` answered. */
  done: () => void
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
  #effects: Pending[] | undefined
  /** The promises `afterCommit` answered, which work may hand back. */
  readonly #effectPromises = new WeakSet<Promise<void>>()
  /** Runs work in a transaction, or a savepoint inside one; prepared once (it is on every commit). */
  readonly #inTransaction: (work: (tx: Work<R>) => unknown) => unknown

  constructor(
    db: Database,
    repositories: R,
    private readonly options: UnitOfWorkOptions,
  ) {
    const tx: Work<R> = { ...repositories, afterCommit: (effect) => this.afterCommit(effect) }
    // Boxed, so work may answer an effect's promise; any other promise means asynchronous work,
    // which would run past the commit, so it is refused (and the transaction rolled back).
    const inTransaction = db.transaction((work: (tx: Work<R>) => unknown) => {
      const value = work(tx)
      if (value instanceof Promise && !this.#effectPromises.has(value)) {
        throw new TypeError('the work of a unit must be synchronous')
      }
      return { value }
    })
    this.#inTransaction = (work) => inTransaction(work).value
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
    const effects: Pending[] = []
    this.#effects = effects
    let result: T
    try {
      result = this.#inTransaction(work) as T
    } finally {
      this.#effects = undefined
    }
    for (const pending of effects) this.#run(pending)
    return result
  }

  /**
   * Registers an effect with the unit in progress. The promise resolves once it has run (a
   * failure is reported, not thrown: the commit stands); it never settles if the unit rolls back.
   */
  afterCommit(effect: Effect): Promise<void> {
    const effects = this.#effects
    if (!effects) throw new Error('afterCommit outside a unit of work')
    const finished = new Promise<void>((done) => effects.push({ effect, done }))
    this.#effectPromises.add(finished)
    return finished
  }

  #run({ effect, done }: Pending): void {
    let outcome: unknown
    try {
      outcome = effect()
    } catch (error) {
      this.options.effectFailed(error)
      done()
      return
    }
    if (!(outcome instanceof Promise)) {
      done()
      return
    }
    outcome.catch((error: unknown) => this.options.effectFailed(error)).finally(done)
  }
}
