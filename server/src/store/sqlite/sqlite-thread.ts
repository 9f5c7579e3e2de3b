import { Worker } from 'node:worker_threads'
import {
  errorOf,
  type QueryReply,
  type QueryRequest,
  type SqliteThreadOptions,
  type StatementAnswer,
  type ThreadReady,
  type TogetherReply,
  type TogetherRequest,
  type TogetherStatement,
} from './sqlite-thread-messages.js'
import { threadFromSources } from './thread-from-sources.js'

export type QueryAnswer = Exclude<QueryReply, { failed: unknown }>
type Reply = QueryReply | TogetherReply
type Answer = Exclude<Reply, { failed: unknown }>

/**
 * The main thread's side of one of the store's threads: it sends statements and hands back
 * their answers. A thread that stops fails whatever was waiting and everything after.
 */
export class SqliteThread {
  readonly #waiting = new Map<
    number,
    { resolve: (answer: Answer) => void; reject: (error: Error) => void }
  >()
  #nextId = 0
  #stopped: Error | undefined
  #closing: Promise<void> | undefined

  private constructor(
    private readonly worker: Worker,
    private readonly ended: (error: Error) => void,
  ) {
    worker.on('message', (reply: Reply) => this.#answer(reply))
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
    return this.#send<QueryAnswer>((id) => ({ id, sql, parameters: parameters.map(compact) }))
  }

  /**
   * Runs the statements in one transaction of their own, in one message each way; resolves
   * once it has committed (flushed), or rejects with the failure it was rolled back for.
   */
  async together(statements: readonly TogetherStatement[]): Promise<StatementAnswer[]> {
    const { answers } = await this.#send<{ id: number; answers: StatementAnswer[] }>((id) => ({
      id,
      together: statements.map(({ sql, parameters }) => ({
        sql,
        parameters: parameters.map(compact),
      })),
    }))
    return answers
  }

  /** Posts a request; the thread answers each with the kind of answer its kind asks for. */
  #send<A extends Answer>(request: (id: number) => QueryRequest | TogetherRequest): Promise<A> {
    if (this.#stopped) return Promise.reject(this.#stopped)
    const id = this.#nextId++
    return new Promise<A>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (answer: Answer) => void, reject })
      this.worker.postMessage(request(id))
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

  #answer(reply: Reply | { closed: true }): void {
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
