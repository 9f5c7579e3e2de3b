/**
 * The reference y-websocket server (@y/websocket-server), in memory. This is its bin
 * (src/server.js) line for line, with two additions for the bench: a `/metrics` answer
 * reporting how many documents it holds, and an explicit SIGTERM exit.
 *
 * `ws` is loaded the way the bin loads it (the copy @y/websocket-server resolves, today
 * its own nested ws 6), so the reference runs as shipped.
 */
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { docs, setupWSConnection } from '@y/websocket-server/utils'
import type { WebSocketServer } from 'ws'

const requireFromReference = createRequire(import.meta.resolve('@y/websocket-server/utils'))
// Typed with today's @types/ws; the bits used here (Server, handleUpgrade) are the same in ws 6.
const WebSocket = requireFromReference('ws') as { Server: typeof WebSocketServer }

const port = Number(process.env.PORT ?? '1234')
const host = process.env.HOST ?? 'localhost'
const wss = new WebSocket.Server({ noServer: true })

const server = createServer((request, response) => {
  if (request.url === '/metrics') {
    let connections = 0
    for (const doc of docs.values()) connections += doc.conns.size
    response.writeHead(200, { 'content-type': 'text/plain' })
    response.end(`bench_rooms_loaded ${docs.size}\nbench_connections ${connections}\n`)
    return
  }
  response.writeHead(200, { 'Content-Type': 'text/plain' })
  response.end('okay')
})

wss.on('connection', setupWSConnection)

server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => {
    wss.emit('connection', ws, request)
  })
})

server.listen(port, host)
process.on('SIGTERM', () => process.exit(0))
