/** A reply to a client: prepared (encoded) when its turn comes, it gives back what sends it. */
export type HeldReply = () => () => void

/**
 * Replies that must wait until what they may contain is on disk. Each is prepared (encoded)
 * when a commit that carries the document's present state is taken, and sent once that commit
 * is stored: what arrives meanwhile is in neither. A room may have two commits under way (the
 * next is taken while one is relayed), so each keeps its own replies, sent in commit order.
 */
export class HeldReplies {
  #waiting: HeldReply[] = []
  /** Replies prepared for each commit under way, oldest commit first. */
  #prepared: (() => void)[][] = []

  /** Sends `reply` at once, or, while the document holds what is not stored yet, holds it. */
  send(reply: HeldReply, hold: boolean): void {
    if (hold) this.#waiting.push(reply)
    else reply()()
  }

  /** A commit of the document as it is now was taken: the waiting replies are encoded for it. */
  taken(): void {
    this.#prepared.push(this.#encodeWaiting())
  }

  /** Adds a reply prepared already, for the commit taken last. */
  add(send: () => void): void {
    const newest = this.#prepared.at(-1)
    if (newest) newest.push(send)
    else this.#prepared.push([send])
  }

  /** The oldest commit under way is stored: sends what was prepared for it. */
  stored(): void {
    for (const send of this.#prepared.shift() ?? []) send()
  }

  /**
   * Nothing is left uncommitted: the document holds no more than the newest commit under way,
   * so the waiting replies are encoded now and go with it, or are sent at once if none is.
   */
  settle(): void {
    const newest = this.#prepared.at(-1)
    const encoded = this.#encodeWaiting()
    if (newest) newest.push(...encoded)
    else for (const send of encoded) send()
  }

  /** Storing failed: nothing held is ever sent. */
  drop(): void {
    this.#waiting = []
    this.#prepared = []
  }

  #encodeWaiting(): (() => void)[] {
    const waiting = this.#waiting
    this.#waiting = []
    return waiting.map((prepare) => prepare())
  }
}
