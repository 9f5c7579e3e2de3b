import { CommitSequence } from './commit-sequence.js'
import type { CommitHeads, RelayedCommit } from './ports.js'

/**
 * Which of a room's commits its document holds, node by node: each node numbers its own
 * commits of the room, so each has a `CommitSequence` of its own. A commit waits only for the
 * earlier ones of the node that made it; Yjs needs no order between different nodes' commits.
 */
export class CommitSequences {
  readonly #sequences = new Map<string, CommitSequence>()
  /** The highest number this node's own commits were answered under since the room loaded. */
  #ownStored = 0

  constructor(
    /** The name this node's own commits are numbered under. */
    readonly own: string,
    heads: CommitHeads,
  ) {
    for (const [origin, seq] of heads) this.#sequences.set(origin, new CommitSequence(seq))
  }

  /** Each node's number the document holds every commit up to. */
  get held(): CommitHeads {
    return new Map([...this.#sequences].map(([origin, sequence]) => [origin, sequence.seq]))
  }

  /** The highest number among this node's own commits the document holds. */
  get ownLatest(): number {
    return this.#sequences.get(this.own)?.latest ?? 0
  }

  /** Whether a commit before one the document holds or has heard of is missing. */
  get behind(): boolean {
    for (const sequence of this.#sequences.values()) if (sequence.behind) return true
    return false
  }

  /** What is missing, node by node, in words that change when anything new is learned. */
  get missing(): string {
    const missing: string[] = []
    for (const [origin, sequence] of this.#sequences)
      if (sequence.behind) missing.push(`${origin}:${sequence.missing}`)
    return missing.join(' ')
  }

  /** Whether `origin`'s commit `seq` is past what the document holds of it. */
  lacks(origin: string, seq: number): boolean {
    return seq > (this.#sequences.get(origin)?.seq ?? 0)
  }

  /**
   * Whether the storage answered a number this node stored a commit under already (its numbers
   * only grow, unless someone changed the database). Only this node's own answers count: a
   * read-back may hold its newest commit before its answer is handled.
   */
  numberedTwice(seq: number): boolean {
    return seq <= this.#ownStored
  }

  /** The storage says each node's commits up to its number in `heads` were stored. */
  heardOf(heads: CommitHeads): void {
    for (const [origin, seq] of heads) this.#of(origin).heardOf(seq)
  }

  /** This node stored its commit `seq` (its update is in the document). */
  stored(seq: number): RelayedCommit[] {
    this.#ownStored = Math.max(this.#ownStored, seq)
    return this.#of(this.own).stored(seq)
  }

  /** Another node's commit: answers the commits now to apply, in each node's order. */
  heard(commit: RelayedCommit): RelayedCommit[] {
    return this.#of(commit.origin).heard(commit)
  }

  /** The document now holds every commit up to each node's number in `heads`, read back. */
  caughtUp(heads: CommitHeads): RelayedCommit[] {
    const ready: RelayedCommit[] = []
    for (const [origin, seq] of heads) ready.push(...this.#of(origin).caughtUp(seq))
    return ready
  }

  #of(origin: string): CommitSequence {
    let sequence = this.#sequences.get(origin)
    if (!sequence) {
      sequence = new CommitSequence(0)
      this.#sequences.set(origin, sequence)
    }
    return sequence
  }
}
