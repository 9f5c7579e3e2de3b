import { Worker } from 'node:worker_threads'
import {
  errorOf,
  type QueryReply,
  type SqliteThreadOptions,
  type ThreadReady,
} from './sqlite-thread-messages.js'
import { threadFromSources } from './thread-from-sources.js'

export type QueryAnswer = Exclude<QueryReply, { failed: unknown }>

/**
 * The main thread's side of one of the store's threads: it sends statements and hands back
 * their answers. A thread that stops fails whatever was waiting and everything after.
 */
export class SqliteThread {
  readonly #waiting = new Map<
    number,
    { resolve: (answer: QueryAnswer) => void; reject: (error: Error) => void }
  >()
  #nextId = 0
  #stopped: Error | undefined
  #closing: Promise<void> | undefined

  private constructor(
    private readonly worker: Worker,
    private readonly ended: (error: Error) => void,
  ) {
    worker.on('message', (reply: QueryReply) => this.#answer(reply))
    worker.on('error', (error) => this.#stop(error))
    worker.on('exit', (code) => this.#stop(new Error(`the SQLite thread ended (${code})`)))
  }

  /**
   * Starts the thread and resolves once its connection is open, or rejects with why not.
   * `ended` hears of a thread that stopped without being asked to.
   */
  static async start(
    name: string,
    options: SqliteThreadOptions,
    ended: (error: Error) => void = () => {},
  ): Promise<SqliteThread> {
    // The built server runs the compiled module beside this one; tests that open the store
    // from its TypeScript sources (vitest) have it compiled for the thread.
    const worker = import.meta.url.endsWith('.ts')
      ? await threadFromSources(new URL(`./${name}.ts`, import.meta.url), options)
      : new Worker(new URL(`./${name}.js`, import.meta.url), { workerData: options })
    const ready = await new Promise<ThreadReady>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    if (!ready.ready) {
      await worker.terminate()
      throw errorOf(ready.failed)
    }
    return new SqliteThread(worker, ended)
  }

  query(sql: string, parameters: readonly unknown[]): Promise<QueryAnswer> {
    if (this.#stopped) return Promise.reject(this.#stopped)
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject })
      this.worker.postMessage({ id, sql, parameters: parameters.map(compact) })
    })
  }

  /** Closes the thread's connection (the last one to close checkpoints) and ends it. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#stopped) return
      const closed = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()))
      this.worker.postMessage({ close: true })
      await closed
    })()
    return this.#closing
  }

  #answer(reply: QueryReply | { closed: true }): void {
    if (!('id' in reply)) return
    const waiting = this.#waiting.get(reply.id)
    if (!waiting) return
    this.#waiting.delete(reply.id)
    if ('failed' in reply) waiting.reject(errorOf(reply.failed))
    else waiting.resolve(reply)
  }

  #stop(error: Error): void {
    if (!this.#stopped && !this.#closing) this.ended(error)
    this.#stopped ??= error
    for (const { reject } of this.#waiting.values()) reject(error)
    this.#waiting.clear()
  }
}

/**
 * A view into a larger buffer (a Buffer from Node's pool) is copied to its own bytes: the
 * message would otherwise carry the whole buffer it views.
 */
const compact = (parameter: unknown): unknown =>
  parameter instanceof Uint8Array && parameter.byteLength !== parameter.buffer.byteLength
    ? new Uint8Array(parameter)
    : parameter
