import * as random from 'lib0/random'
import * as Y from 'yjs'
import type { DeletedRange, TextEdit } from './ports.js'

/** Characters of text in the items of `client` from `clock` for `length` clocks (no splitting). */
const textIn = (doc: Y.Doc, client: number, clock: number, length: number): number => {
  const structs = doc.store.clients.get(client)
  if (!structs || length <= 0) return 0
  const end = clock + length
  let count = 0
  for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
    const struct = structs[index]
    if (!struct || struct.id.clock >= end) break
    if (!(struct instanceof Y.Item && struct.content instanceof Y.ContentString)) continue
    count += Math.min(end, struct.id.clock + struct.length) - Math.max(clock, struct.id.clock)
  }
  return count
}

/**
 * Who writes with which Yjs client id in one room, and what each principal's updates deleted
 * since the last commit. An item carries its client id, so knowing a client id's writer names
 * the author of every insertion under it; a delete set carries no author, so deletions are
 * noted as ranges per principal as they happen. The first principal to write with a client id
 * keeps it: nobody else may write under it afterwards, so nobody can pass their words off as
 * someone else's.
 */
export class RoomWriters {
  readonly #writers: Map<number, string | null>
  /** Client ids the server writes with on behalf of a principal (e.g. a restore), this load. */
  readonly #serverClients = new Map<string, number>()
  #newWriters: [number, string][] = []
  #deletions: DeletedRange[] = []
  /** Characters of text each principal added and removed since the last commit. */
  #edits = new Map<string, TextEdit>()

  constructor(known: ReadonlyMap<number, string | null>) {
    this.#writers = new Map(known)
  }

  /** Whether `principal` may write structs under `client`: a new id, or one already theirs. */
  mayWrite(principal: string | undefined, client: number): boolean {
    if (!this.#writers.has(client)) return true
    const writer = this.#writers.get(client)
    return writer !== null && writer === principal
  }

  /** Writers another node noted (and stored) first: the client ids are theirs here too. */
  learn(writers: readonly (readonly [client: number, principal: string])[]): void {
    for (const [client, principal] of writers) {
      if (!this.#writers.has(client)) this.#writers.set(client, principal)
    }
  }

  /** Notes what `transaction`, made by `principal`, wrote and deleted. */
  note(principal: string, transaction: Y.Transaction): void {
    for (const [client, clock] of transaction.afterState) {
      if (clock === (transaction.beforeState.get(client) ?? 0) || this.#writers.has(client))
        continue
      this.#writers.set(client, principal)
      this.#newWriters.push([client, principal])
    }
    let added = 0
    let removed = 0
    for (const [client, clock] of transaction.afterState) {
      const before = transaction.beforeState.get(client) ?? 0
      // Only what is theirs: a device may re-send text others wrote.
      if (clock > before && this.#writers.get(client) === principal)
        added += textIn(transaction.doc, client, before, clock - before)
    }
    for (const [client, items] of transaction.deleteSet.clients) {
      for (const { clock, len } of items) {
        this.#noteDeletion({ principal, client, clock, length: len })
        removed += textIn(transaction.doc, client, clock, len)
      }
    }
    if (added > 0 || removed > 0) {
      const edit = this.#edits.get(principal) ?? { principal, added: 0, removed: 0 }
      edit.added += added
      edit.removed += removed
      this.#edits.set(principal, edit)
    }
  }

  /**
   * The client id the server writes with for `principal`: its own for each principal, never the
   * document's (so an edit made for one person is never taken for another's, or for nobody's).
   */
  serverClientFor(principal: string, doc: Y.Doc): number {
    let client = this.#serverClients.get(principal)
    while (client === undefined || !this.mayWrite(principal, client)) {
      const candidate = random.uint32()
      if (Y.getState(doc.store, candidate) === 0 && !this.#writers.has(candidate))
        client = candidate
    }
    this.#serverClients.set(principal, client)
    return client
  }

  /** What was noted since the last call, for the commit. */
  take(): { writers: [number, string][]; deletions: DeletedRange[]; edits: TextEdit[] } {
    const taken = {
      writers: this.#newWriters,
      deletions: this.#deletions,
      edits: [...this.#edits.values()],
    }
    this.#newWriters = []
    this.#deletions = []
    this.#edits = new Map()
    return taken
  }

  /** Backspacing deletes one character a turn, each next to the last: kept as one range. */
  #noteDeletion(range: DeletedRange): void {
    const last = this.#deletions.at(-1)
    if (last && last.principal === range.principal && last.client === range.client) {
      if (range.clock + range.length === last.clock) {
        last.clock = range.clock
        last.length += range.length
        return
      }
      if (last.clock + last.length === range.clock) {
        last.length += range.length
        return
      }
    }
    this.#deletions.push(range)
  }
}
