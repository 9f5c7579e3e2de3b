import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType } from '../../../shared/src/protocol/message-type.js'
import { coveredBy, stateVectorOf } from './saved-state.js'

export type SaveStatus =
  | { state: 'saved' }
  | { state: 'saving' }
  | { state: 'connecting' }
  | { state: 'reconnecting'; pending: number }
  | { state: 'offline'; pending: number }

/**
 * Tells honestly whether this browser's changes to one room are on the server's disk. The server
 * answers Mufakat's opt-in `saved` message with the state vector it has committed; changes are
 * saved when that vector covers the local one. Counts local changes not yet confirmed.
 */
export class SaveTracker {
  #server: Map<number, number> | undefined
  #pending: Array<{ client: number; clock: number }> = []
  #hasBeenConnected = false
  #status: SaveStatus = { state: 'connecting' }
  readonly #listeners = new Set<() => void>()
  readonly #cleanup: Array<() => void> = []

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
    /** Origins of updates that are not this person's edits (provider, local database). */
    private readonly remoteOrigins: readonly unknown[],
  ) {
    provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => {
      this.#server = Y.decodeStateVector(decoding.readVarUint8Array(decoder))
      this.#pending = this.#pending.filter(
        ({ client, clock }) => (this.#server?.get(client) ?? 0) < clock,
      )
      this.#update()
    }
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') {
        this.#hasBeenConnected = true
        // Ask for acknowledgements on every new socket: the server forgets with the socket.
        provider.ws?.send(Uint8Array.of(MessageType.saved))
      } else {
        this.#server = undefined
      }
      this.#update()
    }
    provider.on('status', onStatus)
    this.#cleanup.push(() => provider.off('status', onStatus))
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (!this.remoteOrigins.includes(origin)) {
        this.#pending.push({ client: doc.clientID, clock: Y.getState(doc.store, doc.clientID) })
      }
      this.#update()
    }
    doc.on('update', onUpdate)
    this.#cleanup.push(() => doc.off('update', onUpdate))
    const onNetwork = () => this.#update()
    window.addEventListener('online', onNetwork)
    window.addEventListener('offline', onNetwork)
    this.#cleanup.push(() => {
      window.removeEventListener('online', onNetwork)
      window.removeEventListener('offline', onNetwork)
    })
  }

  get status(): SaveStatus {
    return this.#status
  }

  /** Whether something this browser holds is not yet on the server's disk. */
  get unsaved(): boolean {
    return this.#status.state !== 'saved' && this.#pending.length > 0
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  destroy(): void {
    for (const cleanup of this.#cleanup.splice(0)) cleanup()
    this.#listeners.clear()
  }

  #compute(): SaveStatus {
    const pending = this.#pending.length
    if (!window.navigator.onLine) return { state: 'offline', pending }
    if (!this.provider.wsconnected) {
      return this.#hasBeenConnected || pending > 0
        ? { state: 'reconnecting', pending }
        : { state: 'connecting' }
    }
    if (this.#server && coveredBy(stateVectorOf(this.doc), this.#server)) return { state: 'saved' }
    return { state: 'saving' }
  }

  #update(): void {
    const next = this.#compute()
    const same =
      next.state === this.#status.state &&
      ('pending' in next ? next.pending : 0) ===
        ('pending' in this.#status ? this.#status.pending : 0)
    if (same) return
    this.#status = next
    for (const listener of this.#listeners) listener()
  }
}
