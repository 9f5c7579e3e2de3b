import * as Y from 'yjs'

/**
 * Where a room's next commit starts in its document: the state before its first uncommitted
 * change, and what other nodes' commits added since. A commit encoded from the document (many
 * updates at once) leaves those out: they are stored and relayed already, and this node's
 * clients have had them, so carrying them again would deliver them twice.
 */
export class CommitBase {
  #state: Uint8Array | undefined
  /** Client id → clock units its content gained from other nodes' commits since `#state`. */
  readonly #relayed = new Map<number, number>()

  /** The document as it is now, before its first uncommitted change. */
  reset(doc: Y.Doc): void {
    this.#state = Y.encodeStateVector(doc)
    this.#relayed.clear()
  }

  /** A transaction applied another node's commit (or commits read back from the storage). */
  relayed(transaction: Y.Transaction): void {
    for (const [client, after] of transaction.afterState) {
      const gained = after - (transaction.beforeState.get(client) ?? 0)
      if (gained > 0) this.#relayed.set(client, (this.#relayed.get(client) ?? 0) + gained)
    }
  }

  /**
   * This node's changes since the base, encoded from the document. Undefined when a client's
   * content since the base mixes this node's changes with other nodes' (a client moved between
   * nodes): a state vector cannot tell them apart, so the caller merges its own updates instead.
   */
  encodeOwn(doc: Y.Doc): Uint8Array | undefined {
    if (!this.#state) return undefined
    const from = Y.decodeStateVector(this.#state)
    for (const [client, gained] of this.#relayed) {
      const now = Y.getState(doc.store, client)
      if ((from.get(client) ?? 0) + gained !== now) return undefined
      from.set(client, now)
    }
    return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(from))
  }
}
