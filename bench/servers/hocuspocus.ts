/**
 * Hocuspocus, in memory or (with SQLITE_PATH) with its SQLite extension, and (with
 * REDIS_URL) one instance of a cluster through its Redis extension under REDIS_PREFIX.
 * Defaults are kept (2 s store debounce, unload when the last client leaves); the bench
 * only adds a `/metrics` answer with the number of loaded documents. Hocuspocus itself
 * flushes pending stores on SIGTERM.
 */
import { Redis } from '@hocuspocus/extension-redis'
import { SQLite } from '@hocuspocus/extension-sqlite'
import { type Extension, Server } from '@hocuspocus/server'

const port = Number(process.env.PORT ?? '0')
const host = process.env.HOST ?? '127.0.0.1'
const sqlitePath = process.env.SQLITE_PATH
const redisUrl = process.env.REDIS_URL

const extensions: Extension[] = []
if (sqlitePath !== undefined && sqlitePath !== '')
  extensions.push(new SQLite({ database: sqlitePath }))
if (redisUrl !== undefined && redisUrl !== '') {
  const url = new URL(redisUrl)
  extensions.push(
    new Redis({
      host: url.hostname,
      port: Number(url.port || '6379'),
      prefix: process.env.REDIS_PREFIX ?? 'hocuspocus',
      identifier: process.env.NODE_ID ?? `node-${port}`,
    }),
  )
}

const server = new Server({
  port,
  address: host,
  quiet: true,
  extensions,
  onRequest: ({ request, response, instance }) =>
    new Promise<void>((resolve, reject) => {
      if (request.url !== '/metrics') {
        resolve()
        return
      }
      response.writeHead(200, { 'content-type': 'text/plain' })
      response.end(
        `bench_rooms_loaded ${instance.getDocumentsCount()}\nbench_connections ${instance.getConnectionsCount()}\n`,
      )
      // Hocuspocus treats a rejection without an error as "handled, skip the default answer".
      reject()
    }),
})

await server.listen()
