/**
 * Hocuspocus, in memory or (with SQLITE_PATH) with its SQLite extension. Defaults are
 * kept (2 s store debounce, unload when the last client leaves); the bench only adds a
 * `/metrics` answer with the number of loaded documents. Hocuspocus itself flushes
 * pending stores on SIGTERM.
 */
import { SQLite } from '@hocuspocus/extension-sqlite'
import { Server } from '@hocuspocus/server'

const port = Number(process.env.PORT ?? '0')
const host = process.env.HOST ?? '127.0.0.1'
const sqlitePath = process.env.SQLITE_PATH

const server = new Server({
  port,
  address: host,
  quiet: true,
  extensions:
    sqlitePath === undefined || sqlitePath === '' ? [] : [new SQLite({ database: sqlitePath })],
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
