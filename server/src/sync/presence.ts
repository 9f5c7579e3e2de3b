import * as encoding from 'lib0/encoding'
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { Connection } from './connection.js'
import type { RelayedAwareness, SyncLimits } from './ports.js'
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

/** The origin of changes another node made (to a document or to presence): not sent back out. */
export const relayed = Symbol('relayed')

/**
 * Ids whose owner left are remembered with who owned them, up to this many; past it the oldest
 * is forgotten (a busy room's reconnects would otherwise grow the map without end).
 */
const maxFormerOwners = 10_000

/** Whether `claimant` is the participant `principal` (of the id's present or former owner). */
const isPrincipal = (claimant: Connection, principal: string | undefined): boolean =>
  principal !== undefined && claimant.grant.principal === principal

/**
 * Who is here: the room's awareness, and which connection speaks for which awareness client.
 *
 * The official client echoes every awareness change it hears back to the server, so a frame
 * routinely carries other people's states. Only entries that would change something are kept.
 * A client id belongs to the first live connection that sends a state for it: another
 * participant's states for it are dropped (so nobody can move someone else's caret or take
 * their entry), while the same participant on a new socket (a reconnect, a reload, an old socket
 * not yet seen closing) takes it over. Once its connection has left, the id stays its
 * participant's: nobody else can take the entry of someone whose network blinked (the official
 * client would even adopt the taker's state as its own). A removal is accepted only from the id's
 * owner, and the `user` field is always the owner's, stamped by the server.
 */
export class Presence {
  readonly awareness: Awareness
  #owners = new Map<number, Connection>()
  /** Who owned an id whose connection left: only they may take it up again. */
  #formerOwners = new Map<number, string>()

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
      if (entry.stateBytes > this.limits.maxAwarenessStateBytes) {
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
        const principal = owner ? owner.grant.principal : this.#formerOwners.get(entry.clientId)
        if ((owner || principal !== undefined) && !isPrincipal(connection, principal)) continue
        if (connection.awarenessClients.size >= this.limits.maxAwarenessStatesPerConnection) {
          throw new MalformedMessage(
            `one connection may hold at most ${this.limits.maxAwarenessStatesPerConnection} awareness states`,
          )
        }
        this.#formerOwners.delete(entry.clientId)
        owner?.awarenessClients.delete(entry.clientId)
        this.#owners.set(entry.clientId, connection)
        connection.awarenessClients.add(entry.clientId)
      }
      kept.push(this.#stamp(connection, entry, state))
    }
    if (kept.length > 0) applyAwarenessUpdate(this.awareness, encodeEntries(kept), connection)
  }

  /** The server, not the client, says who a state belongs to: nobody else's `user` gets through. */
  #stamp(connection: Connection, entry: AwarenessEntry, state: unknown): AwarenessEntry {
    const fields: Record<string, unknown> =
      typeof state === 'object' && state !== null && !Array.isArray(state) ? { ...state } : {}
    delete fields.user
    const user = connection.grant.user
    return { ...entry, stateJson: JSON.stringify(user ? { ...fields, user } : fields) }
  }

  /**
   * Whether `connection` may write Yjs structs under `clientId`. The official client's document
   * and awareness share one client id, so an id someone shows presence under (or did, in this
   * room) is theirs to write under: another participant's structs there would take the clocks
   * their own edits are about to use, and Yjs would drop those edits (offline ones included)
   * as already known, for everyone and even on their own screen.
   */
  mayWriteAs(connection: Connection, clientId: number): boolean {
    const principal =
      this.#owners.get(clientId)?.grant.principal ?? this.#formerOwners.get(clientId)
    return principal === undefined || principal === connection.grant.principal
  }

  /** These client ids' states (or their removal) with whose they are, for the other nodes. */
  relayable(clientIds: readonly number[]): RelayedAwareness {
    const owners: [number, string][] = []
    for (const id of clientIds) {
      const principal = this.#owners.get(id)?.grant.principal ?? this.#formerOwners.get(id)
      if (principal !== undefined) owners.push([id, principal])
    }
    return { update: encodeAwarenessUpdate(this.awareness, [...clientIds]), owners }
  }

  /**
   * When a page of `principal` last showed itself here: now, for a state through a socket of
   * this node; for a state relayed from another node, when it was last renewed there (the
   * official client renews it every 15 s; a dead node's times out after 30 s). Undefined if none.
   */
  lastSeen(principal: string): number | undefined {
    let seen: number | undefined
    for (const id of this.awareness.getStates().keys()) {
      const local = this.#owners.get(id)
      if (local) {
        if (local.grant.principal === principal) return Date.now()
      } else if (this.#formerOwners.get(id) === principal) {
        seen = Math.max(seen ?? 0, this.awareness.meta.get(id)?.lastUpdated ?? 0)
      }
    }
    return seen
  }

  /** The states this node's connections speak for, for a node that just loaded the room. */
  ownStates(): RelayedAwareness | undefined {
    const ids = [...this.#owners.keys()].filter((id) => this.awareness.getStates().has(id))
    return ids.length > 0 ? this.relayable(ids) : undefined
  }

  /**
   * Another node's presence change, stamped there. Its client ids stay their principals' here
   * too: nobody on this node can take another's entry.
   */
  hear({ update, owners }: RelayedAwareness): void {
    for (const [id, principal] of owners) if (!this.#owners.has(id)) this.#remember(id, principal)
    applyAwarenessUpdate(this.awareness, update, relayed)
  }

  /** Removes, for everyone, the states a departing connection spoke for. */
  leave(connection: Connection): void {
    const owned = [...connection.awarenessClients]
    connection.awarenessClients.clear()
    const principal = connection.grant.principal
    for (const id of owned) {
      this.#owners.delete(id)
      if (principal !== undefined) this.#remember(id, principal)
    }
    if (owned.length > 0) removeAwarenessStates(this.awareness, owned, null)
  }

  #remember(id: number, principal: string): void {
    this.#formerOwners.delete(id)
    this.#formerOwners.set(id, principal)
    if (this.#formerOwners.size > maxFormerOwners) {
      this.#formerOwners.delete(this.#formerOwners.keys().next().value as number)
    }
  }

  destroy(): void {
    this.awareness.destroy()
  }
}
