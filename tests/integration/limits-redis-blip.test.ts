import { connect, createServer, type Server, type Socket } from 'node:net'
import { afterAll, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { socketFrom } from '../helpers/forwarded.js'
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres.js'
import { freshRedisPrefix, redisUrl } from '../helpers/redis.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

afterAll(() => removeDataDirs())

/** A TCP path to Redis that the test can cut (connections dropped, new ones refused) and mend. */
const redisPath = async () => {
  const target = new URL(redisUrl)
  const open = new Set<Socket>()
  let server: Server | undefined
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 6379), target.hostname)
        for (const socket of [client, upstream]) {
          open.add(socket)
          socket.on('close', () => open.delete(socket))
          socket.on('error', () => socket.destroy())
        }
        client.pipe(upstream).pipe(client)
      })
      server.listen(port, '127.0.0.1', () => {
        const address = server?.address()
        resolve(typeof address === 'object' && address ? address.port : port)
      })
    })
  const port = await listen(0)
  return {
    url: `redis://127.0.0.1:${port}`,
    cut: async () => {
      await new Promise((resolve) => {
        server?.close(resolve)
        for (const socket of open) socket.destroy()
      })
    },
    mend: () => listen(port),
    close: () => {
      server?.close()
      for (const socket of open) socket.destroy()
    },
  }
}

/**
 * Redis unreachable for a moment, its data kept (a network blip, a failover): a socket that
 * closed meanwhile could not be released from the shared count. Once Redis is back the node
 * writes back what it really holds — including nothing for an address whose sockets all closed,
 * or that address stays counted for as long as the node lives and is refused for good.
 */
await describeWithPostgres('per-address sockets across a Redis blip', () => {
  it('an address whose socket closed while Redis was unreachable may connect again once it is back', async () => {
    const path = await redisPath()
    const database = await createTestDatabase()
    const node = await startServer({
      env: {
        DATABASE_URL: database.url,
        REDIS_URL: path.url,
        REDIS_PREFIX: freshRedisPrefix(),
        NODE_ID: 'blip',
        TRUSTED_PROXIES: '127.0.0.1, ::1',
        MAX_CONNECTIONS_PER_ADDRESS: '1',
      },
    })
    try {
      const site = await Site.open(node)
      const room = await site.room('blip')
      const address = '203.0.113.80'
      const first = await socketFrom(node, room, site.token, address)
      expect(await first.outcome).toBe('served')
      const second = await socketFrom(node, room, site.token, address)
      expect(await second.outcome).toBe(CloseCode.tryAgainLater)

      await path.cut()
      first.ws.close()
      await waitFor(
        () =>
          node.output.some((line) =>
            line.includes('a socket could not be released from the shared count'),
          ),
        'the release to fail while Redis is unreachable',
        30_000,
      )
      await path.mend()
      // Served again once the node is back on Redis; before, it was refused for good.
      await waitFor(
        async () => {
          const again = await socketFrom(node, room, site.token, address)
          const outcome = await again.outcome
          again.ws.close()
          return outcome === 'served'
        },
        'the address to be served again',
        20_000,
      )
      // The limit itself still holds. (The probe's own socket is released when the server hears
      // it close, which may take a moment: until then this address is rightly at its limit.)
      let held: Awaited<ReturnType<typeof socketFrom>> | undefined
      await waitFor(
        async () => {
          const attempt = await socketFrom(node, room, site.token, address)
          if ((await attempt.outcome) === 'served') held = attempt
          return held !== undefined
        },
        'a socket to be served',
        20_000,
      )
      if (!held) throw new Error('no socket served')
      const over = await socketFrom(node, room, site.token, address)
      expect(await over.outcome).toBe(CloseCode.tryAgainLater)
      held.ws.close()
    } finally {
      await node.stop()
      path.close()
      await database.drop()
    }
  }, 90_000)
})
