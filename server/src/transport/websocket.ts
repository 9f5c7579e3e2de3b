import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { type RawData, type WebSocket, WebSocketServer } from 'ws'
import { CloseCode } from '../../../shared/src/protocol/close-code.js'
import { roomNameFromSyncPath } from '../../../shared/src/protocol/room-name.js'
import { type AddressSockets, LimitUnavailable } from '../limits/ports.js'
import type { Logger } from '../observability/logger.js'
import type { ClientSession, SyncCore } from '../sync/sync-core.js'
import { clientAddress, type TrustedProxies } from './client-address.js'
import { MessageRate } from './message-rate.js'

export interface WebSocketTransportOptions {
  core: SyncCore
  logger: Logger
  maxFrameBytes: number
  maxMessagesPerSecond: number
  messageBurst: number
  maxConnectionsPerAddress: number
  /** Where sockets per address are counted: this process, or every node's together (Redis). */
  sockets: AddressSockets
  /** Proxies whose `X-Forwarded-For` names the client whose sockets are counted. */
  trustedProxies: TrustedProxies
  pingIntervalMs: number
}

export interface WebSocketTransport {
  /**
   * Stops accepting upgrades and the keep-alive timer. The core closes open sockets politely;
   * whatever has not finished its closing handshake after `graceMs` is cut.
   */
  close(graceMs: number): Promise<void>
}

/** Frames that may arrive between the upgrade and the room being ready. */
const maxEarlyFrames = 64

/**
 * Frames handled per event-loop turn, across all sockets. A burst that arrived all at once is
 * worked through in slices, each committed and relayed before the next, instead of applying
 * everything before anyone receives anything.
 */
const framesPerTurn = 256

const toBytes = (data: RawData): Uint8Array =>
  Array.isArray(data)
    ? Buffer.concat(data)
    : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : data

/**
 * Feeds WebSocket upgrades on `/sync/<room>` to the sync core: enforces the limits that belong
 * to the socket (frame size, message rate, sockets per address), pings to reap dead peers, and
 * holds back a socket's frames until its room is ready.
 */
export const attachWebSocketTransport = (
  server: Server,
  options: WebSocketTransportOptions,
): WebSocketTransport => {
  const { core, logger } = options
  const wss = new WebSocketServer({
    noServer: true,
    // ws refuses a frame past this from its header, before buffering it, and closes with 1009.
    maxPayload: options.maxFrameBytes,
    perMessageDeflate: false,
  })
  let framesThisTurn = 0
  const countFrame = (): boolean => {
    if (framesThisTurn === 0) setImmediate(() => (framesThisTurn = 0))
    framesThisTurn += 1
    return framesThisTurn <= framesPerTurn
  }
  const alive = new WeakMap<WebSocket, boolean>()
  let accepting = true

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (!accepting || !url.pathname.startsWith('/sync/')) {
      socket.end(`HTTP/1.1 ${accepting ? '404 Not Found' : '503 Service Unavailable'}\r\n\r\n`)
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) =>
      admit(ws, request, url).catch((error: unknown) => {
        logger.error({ err: error }, 'admitting a socket failed')
        ws.terminate()
      }),
    )
  }

  // Reading resumes so the peer's close frame is seen and the socket ends promptly.
  const refuse = (ws: WebSocket, code: number, reason: string): void => {
    ws.resume()
    ws.close(code, reason)
  }

  /** Counts the socket against its address (on every node, with Redis) before serving it. */
  const admit = async (ws: WebSocket, request: IncomingMessage, url: URL): Promise<void> => {
    ws.pause()
    const address = clientAddress(
      request.socket.remoteAddress,
      request.headers['x-forwarded-for'],
      options.trustedProxies,
    )
    const room = roomNameFromSyncPath(url.pathname)
    if (room === undefined) {
      refuse(ws, CloseCode.roomNotFound, 'not a room name')
      return
    }
    let claimed: boolean
    try {
      claimed = await options.sockets.claim(address, options.maxConnectionsPerAddress)
    } catch (error) {
      if (!(error instanceof LimitUnavailable)) throw error

      // A limit fails closed; the client retries 45xx codes by itself.
      logger.warn({ err: error }, 'refused a socket: its address cannot be counted')
      refuse(ws, CloseCode.tryAgainLater, 'connection limits cannot be checked')
      return
    }
    if (!claimed) {
      refuse(ws, CloseCode.tryAgainLater, 'too many connections from this address')
      return
    }
    // Gone while it was being counted: it counts no more.
    if (ws.readyState !== ws.OPEN) {
      options.sockets.release(address)
      return
    }
    accept(ws, address, room, request, url)
  }

  const accept = (
    ws: WebSocket,
    address: string,
    room: string,
    request: IncomingMessage,
    url: URL,
  ): void => {
    alive.set(ws, true)

    const rate = new MessageRate(options.maxMessagesPerSecond, options.messageBurst)
    let session: ClientSession | undefined
    let early: Uint8Array[] | undefined = []
    let closed = false
    /** Frames read but held back for a later turn (the turn's budget was spent). */
    const backlog: Uint8Array[] = []
    let rateLimited = false

    const drain = (): void => {
      while (backlog.length > 0 && !closed) {
        if (!countFrame()) {
          setImmediate(drain)
          return
        }
        session?.receive(backlog.shift() as Uint8Array)
      }
      if (!rateLimited) ws.resume()
    }

    const receive = (frame: Uint8Array): void => {
      const pauseMs = rate.take()
      if (pauseMs > 0 && !rateLimited) {
        rateLimited = true
        ws.pause()
        setTimeout(() => {
          rateLimited = false
          if (backlog.length === 0) ws.resume()
        }, pauseMs).unref()
      }
      if (!session) {
        if (early && early.length < maxEarlyFrames) early.push(frame)
        else ws.close(CloseCode.malformed, 'too many frames before the room was ready')
        return
      }
      if (backlog.length === 0 && countFrame()) {
        session.receive(frame)
        return
      }
      // Past the turn's budget: hold the rest of what was read, and read no more until done.
      if (backlog.length === 0) setImmediate(drain)
      backlog.push(frame)
      ws.pause()
    }

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) ws.close(CloseCode.malformed, 'the protocol is binary')
      else receive(toBytes(data))
    })
    ws.on('pong', () => alive.set(ws, true))
    ws.on('error', (error) => logger.debug({ err: error, room }, 'socket error'))
    ws.on('close', () => {
      closed = true
      session?.close()
      options.sockets.release(address)
    })

    const socket = {
      send: (message: Uint8Array) => ws.send(message, { binary: true }),
      close: (code: number, reason: string) => refuse(ws, code, reason),
      terminate: () => ws.terminate(),
      get bufferedAmount() {
        return ws.bufferedAmount
      },
    }
    core
      .open(socket, { room, url, headers: request.headers, remoteAddress: address })
      .then((opened) => {
        session = opened
        if (!opened) return
        if (closed) {
          opened.close()
          return
        }
        const frames = early ?? []
        early = undefined
        for (const frame of frames) opened.receive(frame)
        ws.resume()
      })
      .catch((error: unknown) => {
        logger.error({ err: error, room }, 'opening a connection failed')
        refuse(ws, CloseCode.storageFailed, 'internal error')
      })
  }

  // One timer for all sockets: a socket that has not answered the previous ping is dead.
  const keepAlive = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate()
        continue
      }
      alive.set(ws, false)
      ws.ping()
    }
  }, options.pingIntervalMs)
  keepAlive.unref()

  server.on('upgrade', onUpgrade)
  return {
    close: async (graceMs) => {
      accepting = false
      clearInterval(keepAlive)
      server.off('upgrade', onUpgrade)
      const deadline = Date.now() + graceMs
      while (wss.clients.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      for (const ws of wss.clients) ws.terminate()
      await options.sockets.close()
    },
  }
}
