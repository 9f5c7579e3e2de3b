/** A reply to a client: prepared (encoded) when its turn comes, it gives back what sends it. */
export type HeldReply = () => () => void

/**
 * Replies that must wait until what they may contain is on disk. Each is prepared (encoded)
 * when the commit that carries the document's present state is taken, and sent once it is
 * stored: what arrives meanwhile is in neither.
 */
export class HeldReplies {
  #waiting: HeldReply[] = []
  /** Replies prepared for the commit under way. */
  #prepared: (() => void)[] = []

  /** Sends `reply` at once, or, while the document holds what is not stored yet, holds it. */
  send(reply: HeldReply, hold: boolean): void {
    if (hold) this.#waiting.push(reply)
    else reply()()
  }

  /** Encodes the waiting replies from the document as it is now, to send after the commit. */
  prepare(): void {
    const waiting = this.#waiting
    this.#waiting = []
    for (const prepare of waiting) this.#prepared.push(prepare())
  }

  /** Adds a reply prepared already, for the commit under way. */
  add(send: () => void): void {
    this.#prepared.push(send)
  }

  /** The commit under way is stored: sends what was prepared for it. */
  release(): void {
    const prepared = this.#prepared
    this.#prepared = []
    for (const send of prepared) send()
  }

  /** Storing failed: nothing held is ever sent. */
  drop(): void {
    this.#waiting = []
    this.#prepared = []
  }
}
