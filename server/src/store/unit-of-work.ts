import { AsyncLocalStorage } from 'node:async_hooks'
import { type AccessMode, type Kysely, sql, type Transaction } from 'kysely'
import { Engine, type Queries, type Schema } from './schema.js'

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

/** The unit in progress in one async context. */
interface Unit {
  trx: Transaction<Schema>
  effects: Pending[]
  /** Names the next savepoint. */
  savepoints: number
  /** Set once the transaction has ended: a stray query then goes to the database, not to it. */
  ended: boolean
}

/**
 * Kysely's transactions as the domain's unit of work, on either engine. `work` runs in one
 * transaction; a call made inside it (anywhere in its async context, found with
 * AsyncLocalStorage) becomes a savepoint of it, and its effects join the outer unit's. So do
 * repository calls: they run in the unit's transaction, see its writes, and never wait for the
 * one SQLite connection the unit holds. Effects run in the order registered, right after the
 * outermost commit, and are dropped with a rollback: a savepoint rolled back (its error caught
 * by the outer work) drops only its own. Nested units of one unit run one after another: work
 * that starts two at once (Promise.all) would interleave their savepoints.
 */
export class KyselyUnitOfWork<R extends object> implements Queries {
  readonly #context = new AsyncLocalStorage<Unit>()
  readonly #tx: Work<R>
  /** The outermost units in progress, so closing can wait for them. */
  readonly #inProgress = new Set<Promise<unknown>>()

  constructor(
    private readonly root: Kysely<Schema>,
    readonly engine: Engine,
    repositories: (queries: Queries) => R,
    private readonly options: UnitOfWorkOptions,
  ) {
    this.#tx = { ...repositories(this), afterCommit: (effect) => this.afterCommit(effect) }
  }

  /** The repositories, querying in whatever unit is active where they are called. */
  get repositories(): Work<R> {
    return this.#tx
  }

  /** Where a query made here runs: the active unit's transaction, else the database. */
  get db(): Kysely<Schema> {
    const unit = this.#unit()
    return unit ? unit.trx : this.root
  }

  /** Whether a unit is in progress in this async context (a room commit must never join one). */
  get active(): boolean {
    return this.#unit() !== undefined
  }

  #unit(): Unit | undefined {
    const unit = this.#context.getStore()
    return unit && !unit.ended ? unit : undefined
  }

  transaction<T>(work: (tx: Work<R>) => Promise<T>): Promise<T> {
    return this.#transaction(work, 'read write')
  }

  /**
   * Like `transaction`, for work that only reads: its reads share one snapshot (REPEATABLE READ
   * on PostgreSQL; SQLite's transactions are so anyway) and, on SQLite, run on the main thread's
   * reader without waiting for the writer (a write in it fails).
   */
  read<T>(work: (tx: Work<R>) => Promise<T>): Promise<T> {
    return this.#transaction(work, 'read only')
  }

  async #transaction<T>(work: (tx: Work<R>) => Promise<T>, mode: AccessMode): Promise<T> {
    const outer = this.#unit()
    if (outer) return this.#savepoint(outer, work)
    const effects: Pending[] = []
    let unit: Unit | undefined
    const begun =
      mode !== 'read only'
        ? this.root.transaction()
        : this.engine === Engine.postgres
          ? this.root.transaction().setAccessMode(mode).setIsolationLevel('repeatable read')
          : this.root.transaction().setAccessMode(mode)
    const committed = begun.execute((trx) => {
      unit = { trx, effects, savepoints: 0, ended: false }
      return this.#context.run(unit, () => work(this.#tx))
    })
    this.#inProgress.add(committed)
    let result: T
    try {
      result = await committed
    } finally {
      this.#inProgress.delete(committed)
      if (unit) unit.ended = true
    }
    for (const pending of effects) this.#run(pending)
    return result
  }

  /** Resolves once no unit is in progress (those started meanwhile included): before closing. */
  async settled(): Promise<void> {
    while (this.#inProgress.size > 0) await Promise.allSettled([...this.#inProgress])
  }

  async #savepoint<T>(unit: Unit, work: (tx: Work<R>) => Promise<T>): Promise<T> {
    const name = sql.id(`unit_${++unit.savepoints}`)
    const before = unit.effects.length
    await sql`SAVEPOINT ${name}`.execute(unit.trx)
    try {
      const result = await work(this.#tx)
      await sql`RELEASE SAVEPOINT ${name}`.execute(unit.trx)
      return result
    } catch (error) {
      await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(unit.trx)
      await sql`RELEASE SAVEPOINT ${name}`.execute(unit.trx)
      unit.effects.length = before
      throw error
    }
  }

  /**
   * Registers an effect with the unit in progress. The promise resolves once it has run (a
   * failure is reported, not thrown: the commit stands); it never settles if the unit rolls back.
   */
  afterCommit(effect: Effect): Promise<void> {
    const unit = this.#unit()
    if (!unit) throw new Error('afterCommit outside a unit of work')
    return new Promise<void>((done) => unit.effects.push({ effect, done }))
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
