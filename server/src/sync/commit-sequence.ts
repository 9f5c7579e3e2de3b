import type { RelayedCommit } from './ports.js'

/**
 * Which of one node's numbered commits of a room the document holds: every one up to `seq`, and
 * maybe some past it (this node's own, stored while a process sharing its name by mistake had an
 * earlier number on its way). Commits heard are applied in number order only, so a number
 * skipped is a commit missed, never one silently passed over: `behind` says so until it is read
 * back. `CommitSequences` keeps one per node.
 */
export class CommitSequence {
  #seq: number
  /** Past `seq` and already in the document (this node's own commits). */
  readonly #held = new Set<number>()
  /** Past `seq`, heard from other nodes, waiting for the ones before them. */
  readonly #waiting = new Map<number, RelayedCommit>()
  /** The highest number the storage said was given (its commit may never be relayed). */
  #given = 0

  constructor(seq: number) {
    this.#seq = seq
  }

  get seq(): number {
    return this.#seq
  }

  /** The highest commit number the document holds. */
  get latest(): number {
    return Math.max(this.#seq, ...this.#held)
  }

  /** Whether a commit before one the document holds or has heard of is missing. */
  get behind(): boolean {
    return this.#held.size > 0 || this.#waiting.size > 0 || this.#given > this.#seq
  }

  /** What is missing, in words that change when anything new is learned ('' when nothing). */
  get missing(): string {
    if (!this.behind) return ''
    return `${this.#seq}<${Math.max(this.#given, ...this.#held, ...this.#waiting.keys())}`
  }

  /**
   * The storage says commits up to `seq` were stored: one not heard of by then was stored by a
   * node that died before relaying it, or whose relay is still on its way.
   */
  heardOf(seq: number): void {
    if (seq > this.#given) this.#given = seq
  }

  /** This node stored commit `seq` (its update is in the document). */
  stored(seq: number): RelayedCommit[] {
    if (seq > this.#seq) this.#held.add(seq)
    return this.#advance()
  }

  /** Another node's commit: answers the commits now to apply, in order. */
  heard(commit: RelayedCommit): RelayedCommit[] {
    if (commit.seq <= this.#seq || this.#held.has(commit.seq)) return []
    this.#waiting.set(commit.seq, commit)
    return this.#advance()
  }

  /** The document now holds every commit up to `seq`, read back from the storage. */
  caughtUp(seq: number): RelayedCommit[] {
    if (seq > this.#seq) this.#seq = seq
    for (const held of this.#held) if (held <= this.#seq) this.#held.delete(held)
    for (const waiting of this.#waiting.keys())
      if (waiting <= this.#seq) this.#waiting.delete(waiting)
    return this.#advance()
  }

  #advance(): RelayedCommit[] {
    const ready: RelayedCommit[] = []
    for (;;) {
      const next = this.#seq + 1
      const waiting = this.#waiting.get(next)
      if (this.#held.delete(next)) {
        this.#waiting.delete(next)
      } else if (waiting) {
        this.#waiting.delete(next)
        ready.push(waiting)
      } else {
        return ready
      }
      this.#seq = next
    }
  }
}
