import { canChangeDocument, type Permission } from '../../../shared/src/protocol/permission.js'
import type { Grant, Socket, SyncMetrics } from './ports.js'

/** One client socket joined to one room, with what it may do there. */
export class Connection {
  /** Awareness client ids this connection speaks for; removed for everyone when it closes. */
  readonly awarenessClients = new Set<number>()
  /** Asked to be told when its changes are on disk (Mufakat's own `saved` message). */
  wantsSaved = false
  #closed = false

  constructor(
    readonly socket: Socket,
    readonly grant: Grant,
    private readonly maxSendBufferBytes: number,
    private readonly metrics: SyncMetrics,
  ) {}

  get permission(): Permission {
    return this.grant.permission
  }

  get canChangeDocument(): boolean {
    return canChangeDocument(this.grant.permission)
  }

  get closed(): boolean {
    return this.#closed
  }

  /**
   * Sends unless the peer has stopped reading: past the send-buffer limit the socket is closed
   * (the client reconnects and resyncs) instead of buffering without end.
   */
  send(message: Uint8Array): void {
    if (this.#closed) return
    if (this.socket.bufferedAmount > this.maxSendBufferBytes) {
      // It would not read a close frame either: cut it; the client reconnects and resyncs.
      this.#closed = true
      this.socket.terminate()
      return
    }
    this.socket.send(message)
    this.metrics.messageSent(message.byteLength)
  }

  close(code: number, reason: string): void {
    if (this.#closed) return
    this.#closed = true
    this.socket.close(code, reason)
  }

  /** The transport saw the socket close. */
  markClosed(): void {
    this.#closed = true
  }
}
