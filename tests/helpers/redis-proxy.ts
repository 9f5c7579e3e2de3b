import { connect, createServer, type Socket } from 'node:net'

/**
 * A TCP hop between one node and Redis that a test can cut and restore: while cut, every
 * connection through it is dropped and new ones are refused, as on a network partition
 * between that node and Redis alone (the other nodes still reach it).
 */
export interface RedisProxy {
  url: string
  cut(): void
  restore(): void
  close(): Promise<void>
}

export const redisProxy = async (target: string): Promise<RedisProxy> => {
  const upstream = new URL(target)
  const sockets = new Set<Socket>()
  let open = true
  const server = createServer((client) => {
    if (!open) {
      client.destroy()
      return
    }
    const redis = connect(Number(upstream.port || '6379'), upstream.hostname)
    const end = (): void => {
      client.destroy()
      redis.destroy()
      sockets.delete(client)
      sockets.delete(redis)
    }
    for (const socket of [client, redis]) {
      sockets.add(socket)
      socket.on('error', end)
      socket.on('close', end)
    }
    client.pipe(redis)
    redis.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `redis://127.0.0.1:${port}`,
    cut: () => {
      open = false
      for (const socket of sockets) socket.destroy()
    },
    restore: () => {
      open = true
    },
    close: async () => {
      open = false
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
