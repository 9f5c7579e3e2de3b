/**
 * Raw relay: forwards every frame to the other sockets of the same room and does no Yjs
 * work at all. It is the practical ceiling for any sync server on this machine.
 *
 * It answers a client's sync step 1 with an empty step 2 (so clients consider themselves
 * synced, as against a real server) and does not forward step 1: forwarded, every peer
 * would answer it with its own state and turn each join into a storm.
 */
import { createServer } from 'node:http'
import { type RawData, type WebSocket, WebSocketServer } from 'ws'

// [sync, step 2, length 2, empty update (0 structs, 0 deletions)]
const EMPTY_STEP2 = Buffer.from([0, 1, 2, 0, 0])
const port = Number(process.env.PORT ?? '0')
const host = process.env.HOST ?? '127.0.0.1'
const rooms = new Map<string, Set<WebSocket>>()
let connections = 0

const http = createServer((request, response) => {
  if (request.url === '/metrics') {
    response.writeHead(200, { 'content-type': 'text/plain' })
    response.end(`bench_rooms_loaded ${rooms.size}\nbench_connections ${connections}\n`)
    return
  }
  response.writeHead(200, { 'content-type': 'text/plain' })
  response.end('ok')
})

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })

http.on('upgrade', (request, socket, head) => {
  const room = (request.url ?? '/').slice(1).split('?')[0] ?? ''
  wss.handleUpgrade(request, socket, head, (ws) => {
    let peers = rooms.get(room)
    if (peers === undefined) {
      peers = new Set()
      rooms.set(room, peers)
    }
    const members = peers
    members.add(ws)
    connections += 1
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const frame = data as Buffer
      if (frame[0] === 0 && frame[1] === 0) {
        ws.send(EMPTY_STEP2)
        return
      }
      for (const peer of members) {
        if (peer !== ws && peer.readyState === peer.OPEN) peer.send(frame, { binary: isBinary })
      }
    })
    ws.on('close', () => {
      connections -= 1
      members.delete(ws)
      if (members.size === 0) rooms.delete(room)
    })
  })
})

http.listen(port, host)
process.on('SIGTERM', () => process.exit(0))
