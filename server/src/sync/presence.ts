import * as encoding from 'lib0/encoding'
import { Awareness, applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { Connection } from './connection.js'
import type { SyncLimits } from './ports.js'
import { type AwarenessEntry, decodeAwarenessUpdate, MalformedMessage } from './protocol.js'

type PresenceLimits = Pick<SyncLimits, 'maxAwarenessStateBytes' | 'maxAwarenessStatesPerConnection'>

const encodeEntries = (entries: readonly AwarenessEntry[]): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.stateJson)
  }
  return encoding.toUint8Array(encoder)
}

/**
 * Who is here: the room's awareness, and which connection speaks for which awareness client.
 *
 * The official client echoes every awareness change it hears back to the server, so a frame
 * routinely carries other people's states. Only entries that would change something are kept:
 * a newer state claims its client id for the sending connection (a reconnecting tab takes its
 * id back from its dead socket), and a removal is accepted only from the id's owner.
 */
export class Presence {
  readonly awareness: Awareness
  #owners = new Map<number, Connection>()

  constructor(
    doc: Y.Doc,
    private readonly limits: PresenceLimits,
  ) {
    this.awareness = new Awareness(doc)
    // The server has no presence of its own.
    this.awareness.setLocalState(null)
  }

  get clientIds(): number[] {
    return [...this.awareness.getStates().keys()]
  }

  /** Checks an awareness update from `connection` and applies what it may change. */
  receive(connection: Connection, update: Uint8Array): void {
    const kept: AwarenessEntry[] = []
    for (const entry of decodeAwarenessUpdate(update)) {
      if (entry.stateJson.length > this.limits.maxAwarenessStateBytes) {
        throw new MalformedMessage(
          `awareness state over ${this.limits.maxAwarenessStateBytes} bytes`,
        )
      }
      let state: unknown
      try {
        state = JSON.parse(entry.stateJson)
      } catch {
        throw new MalformedMessage('awareness state is not JSON')
      }
      const owner = this.#owners.get(entry.clientId)
      if (state === null) {
        if (owner === connection) kept.push(entry)
        continue
      }
      const known = this.awareness.meta.get(entry.clientId)?.clock ?? 0
      if (entry.clock <= known) continue
      if (owner !== connection) {
        if (connection.awarenessClients.size >= this.limits.maxAwarenessStatesPerConnection) {
          throw new MalformedMessage(
            `one connection may hold at most ${this.limits.maxAwarenessStatesPerConnection} awareness states`,
          )
        }
        owner?.awarenessClients.delete(entry.clientId)
        this.#owners.set(entry.clientId, connection)
        connection.awarenessClients.add(entry.clientId)
      }
      kept.push(this.#stamp(connection, entry, state))
    }
    if (kept.length > 0) applyAwarenessUpdate(this.awareness, encodeEntries(kept), connection)
  }

  /** The server, not the client, says who a state belongs to. */
  #stamp(connection: Connection, entry: AwarenessEntry, state: unknown): AwarenessEntry {
    const user = connection.grant.user
    if (!user) return entry
    const fields = typeof state === 'object' && state !== null && !Array.isArray(state) ? state : {}
    return { ...entry, stateJson: JSON.stringify({ ...fields, user }) }
  }

  /** Removes, for everyone, the states a departing connection spoke for. */
  leave(connection: Connection): void {
    const owned = [...connection.awarenessClients]
    connection.awarenessClients.clear()
    for (const id of owned) this.#owners.delete(id)
    if (owned.length > 0) removeAwarenessStates(this.awareness, owned, null)
  }

  destroy(): void {
    this.awareness.destroy()
  }
}
