import { Worker } from 'node:worker_threads'
import type { DrainReply, DrainRequest, DrainStats } from './drain-worker.js'
import type { RoomAccess } from './light-client.js'
import type { Protocol } from './wire.js'

// The generator is pinned to one core: two threads keep the main thread's event loop free
// for the clients that time tokens, more would only add switching.
const WORKERS = 2
// Handshakes in flight per worker (the crowd's own limit is 64 for the whole generator).
const CONCURRENCY = 32

/** A request before it has an id (Omit on the union itself would keep only shared keys). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never

/**
 * The bench runs through tsx, whose loader a worker thread does not get by itself on Node
 * 20: the worker registers it, then loads the TypeScript entry.
 */
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./drain-worker.ts', import.meta.url).href)}) })`

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void }

/** Worker threads holding drain-only receivers, started on first use and shared by every crowd. */
class DrainPool {
  private workers: Worker[] = []
  private readonly pending = new Map<number, Pending>()
  private nextId = 0
  private nextGroup = 0

  private start(): Worker[] {
    if (this.workers.length > 0) return this.workers
    this.workers = Array.from({ length: WORKERS }, () => {
      const worker = new Worker(WORKER_BOOT, { eval: true })
      worker.unref()
      worker.on('message', (reply: DrainReply) => {
        const waiting = this.pending.get(reply.id)
        this.pending.delete(reply.id)
        if (reply.ok) waiting?.resolve(reply.value)
        else waiting?.reject(new Error(reply.error))
      })
      const fail = (error: Error): void => {
        // A dead worker is never asked again: the next group starts fresh ones.
        this.workers = []
        for (const waiting of this.pending.values()) waiting.reject(error)
        this.pending.clear()
      }
      worker.on('error', fail)
      worker.on('exit', (code) => fail(new Error(`a drain worker exited with ${code}`)))
      return worker
    })
    return this.workers
  }

  private ask<T>(worker: Worker, request: Unnumbered<DrainRequest>): Promise<T> {
    const id = this.nextId
    this.nextId += 1
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.postMessage({ ...request, id })
    })
  }

  /** Starts the workers and waits until each answers, so no timing includes their boot. */
  async ready(): Promise<void> {
    const workers = this.start()
    await Promise.all(workers.map((worker) => this.ask(worker, { op: 'stats', group: -1 })))
  }

  /** A new group of clients, spread round-robin over the workers. */
  group(): DrainGroup {
    const id = this.nextGroup
    this.nextGroup += 1
    const workers = this.start()
    return {
      connect: async (protocol, accesses, timeoutMs) => {
        const shares = workers.map((_, w) => accesses.filter((_, i) => i % workers.length === w))
        const times = await Promise.all(
          workers.map((worker, w) =>
            this.ask<number[]>(worker, {
              op: 'connect',
              group: id,
              protocol,
              accesses: shares[w] ?? [],
              timeoutMs,
              concurrency: CONCURRENCY,
            }),
          ),
        )
        return times.flat()
      },
      stats: async () => {
        const all = await Promise.all(
          workers.map((worker) => this.ask<DrainStats>(worker, { op: 'stats', group: id })),
        )
        return {
          bytes: all.flatMap((s) => s.bytes),
          unexpectedCloses: all.reduce((sum, s) => sum + s.unexpectedCloses, 0),
        }
      },
      close: async () => {
        await Promise.all(workers.map((worker) => this.ask(worker, { op: 'close', group: id })))
      },
    }
  }
}

export interface DrainGroup {
  /** Connects the clients; resolves with connect→synced ms of each. */
  connect: (protocol: Protocol, accesses: RoomAccess[], timeoutMs: number) => Promise<number[]>
  stats: () => Promise<DrainStats>
  close: () => Promise<void>
}

export const drainPool = new DrainPool()
