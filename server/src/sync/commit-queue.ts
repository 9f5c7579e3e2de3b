import type { RelayedCommit, RoomCommit, RoomStorage, SyncLogger, SyncMetrics } from './ports.js'
import type { Room } from './room.js'

/** Test-only faults (see config.ts): never set in production. */
export interface CommitFaults {
  /** Commits wait this long instead of the end of the turn. */
  holdCommitsMs?: number
  /** Each commit takes this much longer once under way, as on a slow disk. */
  slowCommitsMs?: number
}

/**
 * Group commit: what every room applied is stored in one transaction (one flush to disk for
 * many updates), then each room's update is relayed. One commit is in flight at a time: what
 * rooms apply meanwhile gathers into the next, which starts as soon as it ends, so a slow
 * commit makes the next one bigger rather than the queue longer. Commits (and compactions,
 * which take a turn in the same lane) run in order, so each room's updates are relayed in the
 * order they were applied. Nothing is relayed before the `append` carrying it resolves.
 */
export class CommitQueue {
  #rooms = new Set<Room>()
  /** Cancels the scheduled flush, if one is scheduled. */
  #scheduled: (() => void) | undefined
  /** The commits and compactions, one after another; it never rejects. */
  #lane: Promise<void> = Promise.resolve()
  /** The commit waiting its turn, if one does: it takes whatever is pending when it starts. */
  #next: Promise<void> | undefined

  constructor(
    private readonly storage: RoomStorage,
    private readonly metrics: SyncMetrics,
    private readonly logger: SyncLogger,
    /**
     * Hands a stored commit to the other nodes, before this node's clients are sent it: theirs
     * wait on one more hop (Redis, then their node), so that hop starts first.
     */
    private readonly toOtherNodes: (room: Room, commit: RelayedCommit) => void,
    private readonly afterCommit: (room: Room) => void,
    private readonly onFailure: (room: Room) => void,
    /** A room the storage no longer has (deleted while its commit was under way). */
    private readonly onGone: (room: Room) => void,
    private readonly faults: CommitFaults = {},
  ) {}

  schedule(room: Room): void {
    this.#rooms.add(room)
    // A commit waiting its turn takes this room with it.
    if (this.#scheduled || this.#next) return
    const { holdCommitsMs = 0 } = this.faults
    if (holdCommitsMs > 0) {
      const timer = setTimeout(() => void this.flush(), holdCommitsMs)
      this.#scheduled = () => clearTimeout(timer)
    } else {
      const immediate = setImmediate(() => void this.flush())
      this.#scheduled = () => clearImmediate(immediate)
    }
  }

  /**
   * Commits and relays everything pending now, after the commit in flight. Resolves once that
   * is done (or failed, and the rooms closed). Also called directly on unload and shutdown.
   */
  flush(): Promise<void> {
    this.#scheduled?.()
    this.#scheduled = undefined
    if (!this.#next) {
      const next = this.#lane
        .then(() => {
          this.#next = undefined
          return this.#commit()
        })
        .catch((error: unknown) => this.logger.error({ err: error }, 'commit failed'))
      this.#next = next
      this.#lane = next
    }
    return this.#next
  }

  /** Runs `work` in the lane, between two commits: no room is stored while it runs. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const done = this.#lane.then(work)
    this.#lane = done.then(
      () => undefined,
      () => undefined,
    )
    return done
  }

  /** Forgets what a room holds uncommitted: it is gone, and nothing of it may be stored. */
  drop(room: Room): void {
    this.#rooms.delete(room)
  }

  async #commit(): Promise<void> {
    const batch: ({ room: Room } & Omit<RoomCommit, 'room'>)[] = []
    for (const room of this.#rooms) {
      const taken = room.takeUncommitted()
      if (taken) batch.push({ room, ...taken })
    }
    this.#rooms.clear()
    if (batch.length === 0) return
    const started = performance.now()
    let seqs: ReadonlyMap<string, number>
    try {
      const { slowCommitsMs = 0 } = this.faults
      if (slowCommitsMs > 0) await new Promise((resolve) => setTimeout(resolve, slowCommitsMs))
      seqs = await this.storage.append(
        batch.map(({ room, ...commit }) => ({ room: room.name, ...commit })),
      )
    } catch (error) {
      this.logger.error(
        { err: error, rooms: batch.map(({ room }) => room.name) },
        'commit failed; closing the rooms',
      )
      for (const { room } of batch) {
        // What the room applied after this batch depends on it: none of it may be stored.
        this.#rooms.delete(room)
        this.onFailure(room)
      }
      return
    }
    this.metrics.commitObserved((performance.now() - started) / 1000)
    for (const { room, update, writers } of batch) {
      const seq = seqs.get(room.name)
      if (seq === undefined) {
        // Nothing of it was stored, so nothing of it may be relayed: it closes instead.
        this.logger.warn({ room: room.name }, 'a commit of a room deleted meanwhile was dropped')
        this.#rooms.delete(room)
        this.onGone(room)
        continue
      }
      this.toOtherNodes(room, { seq, update, writers })
      room.committed(update, seq)
      this.afterCommit(room)
    }
  }
}
