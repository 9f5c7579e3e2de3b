import type {
  CommitHeads,
  RelayedCommit,
  RoomCommit,
  RoomStorage,
  SyncLogger,
  SyncMetrics,
} from './ports.js'
import type { Room } from './room.js'

/** Test-only faults (see config.ts): never set in production. */
export interface CommitFaults {
  /** Commits wait this long instead of the end of the turn. */
  holdCommitsMs?: number
  /** Each commit takes this much longer once under way, as on a slow disk. */
  slowCommitsMs?: number
}

/** A commit taken from the rooms, its storing under way. */
interface Sent {
  batch: ({ room: Room } & Omit<RoomCommit, 'room'>)[]
  started: number
  stored: Promise<ReadonlyMap<string, CommitHeads>>
}

/**
 * Group commit: what every room applied is stored in one transaction (one flush to disk for
 * many updates), then each room's update is relayed. One commit is stored at a time: what rooms
 * apply meanwhile gathers into the next. That next one is taken and sent to the storage the
 * moment the one before it is stored, before that one is relayed, so its flush (in the writer
 * thread or the database) runs while this thread sends to every socket, instead of after.
 * Commits (and compactions, which take a turn in the same lane) are relayed in order, so each
 * room's updates are relayed in the order they were applied. Nothing is relayed before the
 * `append` carrying it resolves.
 */
export class CommitQueue {
  #rooms = new Set<Room>()
  /** Cancels the scheduled flush, if one is scheduled. */
  #scheduled: (() => void) | undefined
  /** The commits and compactions, one after another; it never rejects. */
  #lane: Promise<void> = Promise.resolve()
  /** The commit waiting its turn, if one does: it takes whatever is pending when it starts. */
  #next: Promise<void> | undefined
  /** The waiting commit, taken and sent early (while the one before it is relayed). */
  #early: Sent | undefined
  /** Compactions waiting for the lane: while one waits, nothing is sent early past it. */
  #exclusiveWaiting = 0

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
    if (this.#next) return this.#next
    const next: Promise<void> = this.#lane
      .then(() => {
        // A commit sent early has made way for a newer waiting one: that one stays.
        if (this.#next === next) this.#next = undefined
        const early = this.#early
        this.#early = undefined
        return this.#commit(early ?? this.#send())
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'commit failed'))
    this.#next = next
    this.#lane = next
    return next
  }

  /** Runs `work` in the lane, between two commits: no room is stored while it runs. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.#exclusiveWaiting += 1
    const done = this.#lane.then(() => {
      this.#exclusiveWaiting -= 1
      return work()
    })
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

  /** Takes what every room holds uncommitted and starts storing it. */
  #send(): Sent | undefined {
    const batch: Sent['batch'] = []
    for (const room of this.#rooms) {
      // It runs before the commit just stored is relayed: a room that cannot hand over its
      // updates fails alone instead of holding that relay back.
      try {
        const taken = room.takeUncommitted()
        if (taken) batch.push({ room, ...taken })
      } catch (error) {
        this.logger.error({ err: error, room: room.name }, 'taking a commit failed')
        this.onFailure(room)
      }
    }
    this.#rooms.clear()
    if (batch.length === 0) return undefined
    const { slowCommitsMs = 0 } = this.faults
    const commits = batch.map(({ room, ...commit }) => ({ room: room.name, ...commit }))
    const append = async () => {
      if (slowCommitsMs > 0) await new Promise((resolve) => setTimeout(resolve, slowCommitsMs))
      return await this.storage.append(commits)
    }
    // An async function: a storage that throws at once rejects instead, handled in its turn.
    const stored = append()
    // Awaited in its turn; until then a failure must not count as unhandled.
    stored.catch(() => undefined)
    return { batch, started: performance.now(), stored }
  }

  /**
   * What gathered while a commit was stored is sent at once, unless a compaction waits for the
   * lane (it must run between two commits) or a test holds commits back.
   */
  #sendNextEarly(): void {
    if (this.#rooms.size === 0 || this.#exclusiveWaiting > 0) return
    if ((this.faults.holdCommitsMs ?? 0) > 0) return
    // The waiting commit, if none waits yet, then taken now: it runs this early one in its turn.
    void this.flush()
    this.#early = this.#send()
    this.#next = undefined
  }

  async #commit(sent: Sent | undefined): Promise<void> {
    if (!sent) return
    const { batch, started } = sent
    let stored: ReadonlyMap<string, CommitHeads>
    try {
      stored = await sent.stored
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
    this.#sendNextEarly()
    const { origin } = this.storage
    for (const { room, update, writers } of batch) {
      const heads = stored.get(room.name)
      const seq = heads?.get(origin)
      if (heads === undefined || seq === undefined) {
        // Nothing of it was stored, so nothing of it may be relayed: it closes instead.
        this.logger.warn({ room: room.name }, 'a commit of a room deleted meanwhile was dropped')
        this.#rooms.delete(room)
        this.onGone(room)
        continue
      }
      if (room.sequence.numberedTwice(seq)) {
        // A number this room holds already: this node's head was changed by hand. Relayed, the
        // other nodes would skip the commit as one they have; the room closes instead.
        this.logger.error({ room: room.name, seq }, 'the database gave a commit number twice')
        this.#rooms.delete(room)
        this.onFailure(room)
        continue
      }
      this.toOtherNodes(room, { origin, seq, update, writers })
      room.committed(update, seq, heads)
      this.afterCommit(room)
    }
  }
}
