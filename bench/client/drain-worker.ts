/**
 * A worker thread of drain-only receivers: it connects the clients it is given, lets them
 * drain and count bytes, and answers the main thread's questions. Kept off the main thread
 * so the clients that time tokens are not delayed by hundreds of sockets' reading.
 */
import { parentPort } from 'node:worker_threads'
import { LightClient, type RoomAccess } from './light-client.js'
import type { Protocol } from './wire.js'

export type DrainRequest =
  | {
      id: number
      op: 'connect'
      group: number
      protocol: Protocol
      accesses: RoomAccess[]
      timeoutMs: number
      concurrency: number
    }
  | { id: number; op: 'stats'; group: number }
  | { id: number; op: 'close'; group: number }

export interface DrainStats {
  /** Bytes each client received after sync, in the order they were given. */
  bytes: number[]
  unexpectedCloses: number
}

export type DrainReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string }

const groups = new Map<number, LightClient[]>()

const connect = async (request: Extract<DrainRequest, { op: 'connect' }>): Promise<number[]> => {
  const clients = request.accesses.map((access) => new LightClient(access, request.protocol))
  groups.set(request.group, [...(groups.get(request.group) ?? []), ...clients])
  const times: number[] = new Array(clients.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < clients.length) {
      const index = next
      next += 1
      const client = clients[index]
      if (client !== undefined) times[index] = await client.connect(request.timeoutMs)
    }
  }
  await Promise.all(Array.from({ length: Math.min(request.concurrency, clients.length) }, worker))
  return times
}

const answer = async (request: DrainRequest): Promise<unknown> => {
  switch (request.op) {
    case 'connect':
      return connect(request)
    case 'stats': {
      const clients = groups.get(request.group) ?? []
      const stats: DrainStats = {
        bytes: clients.map((c) => c.bytesAfterSync),
        unexpectedCloses: clients.filter((c) => c.unexpectedClose !== null).length,
      }
      return stats
    }
    case 'close': {
      const clients = groups.get(request.group) ?? []
      groups.delete(request.group)
      for (const client of clients) client.close()
      await Promise.all(clients.map((c) => c.closed()))
      return null
    }
  }
}

parentPort?.on('message', (request: DrainRequest) => {
  answer(request).then(
    (value) => parentPort?.postMessage({ id: request.id, ok: true, value } satisfies DrainReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies DrainReply),
  )
})
