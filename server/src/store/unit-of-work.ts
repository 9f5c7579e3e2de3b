import { AsyncLocalStorage } from 'node:async_hooks'
import type { Database } from 'better-sqlite3'

/** Something to do once the transaction has committed; a promise it returns is waited for. */
export type Effect = () => unknown

/** Every method of `R` answering a promise, as the ports of an engine that waits do. */
export type Promised<R> = {
  [K in keyof R]: R[K] extends (...args: infer A) => infer T
    ? (...args: A) => Promise<Awaited<T>>
    : R[K]
}

/** A set of repositories, each one's methods answering promises. */
export type PromisedAll<R> = { [K in keyof R]: Promised<R[K]> }

/** What `work` is given: the repositories, and a way to act once everything has committed. */
export type Work<R> = PromisedAll<R> & { afterCommit(effect: Effect): Promise<void> }

export interface UnitOfWorkOptions {
  /** Hears of an effect that threw or rejected: its transaction had committed all the same. */
  effectFailed(error: unknown): void
}

interface Pending {
  effect: Effect
  /** Settles the promise `afterCommit` answered. */
  done: () => void
}

/** One outermost unit in progress: its effects, and whether its transaction is still open. */
interface Unit {
  effects: Pending[]
  open: boolean
  savepoints: number
}

/**
 * Asynchronous units of work over better-sqlite3's one connection. A unit holds the connection
 * from BEGIN IMMEDIATE to COMMIT, however long its work waits, so units take turns (a mutex):
 * two interleaved on one connection would share one transaction. A call made inside a unit's
 * asynchronous context (found with AsyncLocalStorage, not a flag: other requests run meanwhile)
 * joins it as a savepoint, and its effects join the unit's. Repository calls outside any unit
 * wait for the unit in progress, so they never read what it may still roll back; inside one,
 * they run at once (waiting there would wait for itself). Effects run in the order registered,
 * right after the outermost commit, and are dropped with a rollback: a savepoint rolled back
 * (its error caught by the outer work) drops only its own.
 */
export class SqliteUnitOfWork<R extends object> {
  readonly #context = new AsyncLocalStorage<Unit>()
  /** Whether a unit (or a call waiting its turn) holds the connection. */
  #held = false
  /** Who waits for the connection, in order; each is handed it by the one before. */
  readonly #waiting: (() => void)[] = []
  readonly #tx: Work<R>
  /** The repositories, each call taking its turn on the connection. */
  readonly repositories: PromisedAll<R>

  constructor(
    private readonly db: Database,
    repositories: R,
    private readonly options: UnitOfWorkOptions,
  ) {
    this.repositories = this.#promised(repositories)
    this.#tx = { ...this.repositories, afterCommit: (effect) => this.afterCommit(effect) }
  }

  /** Whether the current asynchronous context is inside a unit (a room commit must not join one). */
  get active(): boolean {
    return this.#current() !== undefined
  }

  async transaction<T>(work: (tx: Work<R>) => Promise<T>): Promise<T> {
    const outer = this.#current()
    if (outer) return this.#nested(outer, work)
    await this.#acquire()
    const unit: Unit = { effects: [], open: true, savepoints: 0 }
    let result: T
    try {
      this.db.exec('BEGIN IMMEDIATE')
      try {
        result = await this.#context.run(unit, async () => work(this.#tx))
        this.db.exec('COMMIT')
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK')
        throw error
      }
    } finally {
      unit.open = false
      this.#release()
    }
    for (const pending of unit.effects) this.#run(pending)
    return result
  }

  /**
   * Registers an effect with the unit in progress. The promise resolves once it has run (a
   * failure is reported, not thrown: the commit stands); it never settles if the unit rolls back,
   * so the unit's own work must not wait for it.
   */
  afterCommit(effect: Effect): Promise<void> {
    const unit = this.#current()
    if (!unit) throw new Error('afterCommit outside a unit of work')
    const { effects } = unit
    return new Promise<void>((done) => effects.push({ effect, done }))
  }

  /**
   * Runs synchronous work on the connection in its turn (outside any unit's transaction, or
   * inside the current one): for what the store does on its own, e.g. compacting a room.
   */
  exclusive<T>(work: () => T): Promise<T> {
    if (this.#current() || !this.#held) return settle(work)
    return this.#acquire().then(() => {
      try {
        return settle(work)
      } finally {
        this.#release()
      }
    })
  }

  async #nested<T>(unit: Unit, work: (tx: Work<R>) => Promise<T>): Promise<T> {
    unit.savepoints += 1
    const savepoint = `unit_${unit.savepoints}`
    const before = unit.effects.length
    this.db.exec(`SAVEPOINT ${savepoint}`)
    try {
      const result = await work(this.#tx)
      this.db.exec(`RELEASE ${savepoint}`)
      return result
    } catch (error) {
      unit.effects.length = before
      this.db.exec(`ROLLBACK TO ${savepoint}`)
      this.db.exec(`RELEASE ${savepoint}`)
      throw error
    }
  }

  #current(): Unit | undefined {
    const unit = this.#context.getStore()
    // A promise the work left behind may outlive its unit, context and all.
    return unit?.open ? unit : undefined
  }

  #acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true
      return Promise.resolve()
    }
    return new Promise((resolve) => this.#waiting.push(resolve))
  }

  #release(): void {
    const next = this.#waiting.shift()
    if (next) next()
    else this.#held = false
  }

  /** The same repositories, each method answering a promise and taking its turn. */
  #promised<O extends object>(target: O): PromisedAll<O> {
    const promised: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(target)) {
      promised[key] = typeof value === 'object' && value !== null ? this.#methods(value) : value
    }
    return promised as PromisedAll<O>
  }

  /** An object's methods (its own and its class's), each run through `exclusive`. */
  #methods(target: object): Record<string, unknown> {
    const methods: Record<string, unknown> = {}
    for (
      let level: object | null = target;
      level && level !== Object.prototype;
      level = Object.getPrototypeOf(level)
    ) {
      for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(level))) {
        const method: unknown = descriptor.value
        if (key === 'constructor' || key in methods || typeof method !== 'function') continue
        methods[key] = (...args: unknown[]) =>
          this.exclusive(() => (method as (...a: unknown[]) => unknown).apply(target, args))
      }
    }
    return methods
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

/** A synchronous call's outcome as a promise: its value, or its error as a rejection. */
const settle = <T>(work: () => T): Promise<T> => {
  try {
    return Promise.resolve(work())
  } catch (error) {
    return Promise.reject(error)
  }
}
