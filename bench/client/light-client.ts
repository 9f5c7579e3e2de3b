import WebSocket from 'ws'
import * as Y from 'yjs'
import { now } from '../lib/time.js'
import type { Protocol } from './wire.js'
import { Wire } from './wire.js'

/** An update with no structs and no deletions: what an empty document has to offer. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc())
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())

export interface RoomAccess {
  /** Full WebSocket URL, including any query a target needs (e.g. a token later on). */
  url: string
  /** Name of the document inside the protocol (Hocuspocus frames carry it). */
  documentName: string
  /** Sent in the Hocuspocus auth message; Mufakat will carry it in the URL. */
  token: string
}

export interface ClientHandlers {
  /** A live update relayed by the server (sync message type 2). */
  onUpdate?: (update: Uint8Array, at: number) => void
  /** The server's answer to our sync step 1: the room state. */
  onSynced?: (update: Uint8Array, at: number) => void
}

/**
 * A light y-websocket client: one `ws` socket and the sync protocol by hand, no provider
 * and no document unless it writes. It never applies what it receives, so hundreds fit
 * in the load generator; without an update handler it only drains and counts bytes once
 * synced. Synced means the server answered our sync step 1 with step 2.
 */
export class LightClient {
  private socket: WebSocket | null = null
  private readonly wire: Wire
  connectStartedAt = 0
  syncedAt: number | null = null
  /** Bytes of every frame received after sync: what a drain-only client measures. */
  bytesAfterSync = 0
  /** Close code when the socket closed without us asking, else null. */
  unexpectedClose: number | null = null
  private closing = false

  constructor(
    private readonly access: RoomAccess,
    protocol: Protocol,
    private readonly handlers: ClientHandlers = {},
    /** The writer's own document, used to answer the server's sync step 1. */
    private readonly doc: Y.Doc | null = null,
  ) {
    this.wire = new Wire(protocol, access.documentName)
  }

  /** Opens the socket and resolves with connect→synced milliseconds. */
  connect(timeoutMs = 15_000): Promise<number> {
    this.connectStartedAt = now()
    const socket = new WebSocket(this.access.url, { perMessageDeflate: false })
    this.socket = socket
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`not synced after ${timeoutMs} ms: ${this.access.url}`))
        socket.terminate()
      }, timeoutMs)
      const fail = (error: Error): void => {
        clearTimeout(timer)
        reject(error)
      }
      socket.on('error', (error) => {
        if (this.syncedAt === null) fail(error)
      })
      socket.on('close', (code) => {
        if (this.syncedAt === null)
          fail(new Error(`closed with ${code} before sync: ${this.access.url}`))
        else if (!this.closing) this.unexpectedClose = code
      })
      socket.on('open', () => {
        const stateVector = this.doc === null ? EMPTY_STATE_VECTOR : Y.encodeStateVector(this.doc)
        if (this.wire.protocol === 'hocuspocus') socket.send(this.wire.auth(this.access.token))
        socket.send(this.wire.syncStep1(stateVector))
      })
      socket.on('message', (data: Buffer) => {
        const at = now()
        if (this.syncedAt !== null) {
          this.bytesAfterSync += data.byteLength
          // A drain-only client (no handler, no document) only counts: the cheap way to
          // put hundreds of receivers on a server without the generator decoding for each.
          if (this.handlers.onUpdate === undefined && this.doc === null) return
        }
        const message = this.wire.parse(data)
        switch (message.kind) {
          case 'update':
            this.handlers.onUpdate?.(message.update, at)
            break
          case 'step2':
            if (this.syncedAt === null) {
              this.syncedAt = at
              clearTimeout(timer)
              this.handlers.onSynced?.(message.update, at)
              resolve(at - this.connectStartedAt)
            } else {
              // A later step 2 (e.g. answering a server's step 1 round) can still carry tokens.
              this.handlers.onUpdate?.(message.update, at)
            }
            break
          case 'step1': {
            const update =
              this.doc === null
                ? EMPTY_UPDATE
                : Y.encodeStateAsUpdate(this.doc, message.stateVector)
            socket.send(this.wire.syncStep2(update))
            break
          }
          case 'denied':
            fail(new Error(`permission denied: ${message.reason}`))
            socket.close()
            break
          default:
        }
      })
    })
  }

  sendUpdate(update: Uint8Array): void {
    if (this.socket === null) throw new Error('not connected')
    this.socket.send(this.wire.update(update))
  }

  /** Bytes queued in this socket that the kernel has not taken yet. */
  buffered(): number {
    return this.socket?.bufferedAmount ?? 0
  }

  close(): void {
    this.closing = true
    this.socket?.close()
  }

  /** Resolves when the socket is fully closed (bounded by `timeoutMs`). */
  async closed(timeoutMs = 2000): Promise<void> {
    const socket = this.socket
    if (socket === null || socket.readyState === WebSocket.CLOSED) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.terminate()
        resolve()
      }, timeoutMs)
      socket.once('close', () => {
        clearTimeout(timer)
        resolve()
      })
    })
  }
}
