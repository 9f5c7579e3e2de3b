import type { RoomCommit, RoomStorage, SyncLogger, SyncMetrics } from './ports.js'
import type { Room } from './room.js'

/**
 * Batches what every room applied during one event-loop turn into a single storage transaction
 * (one flush to disk for many updates), then relays each room's update. Nothing is relayed
 * before `append` returns.
 */
export class CommitQueue {
  #rooms = new Set<Room>()
  /** Cancels the scheduled flush, if one is scheduled. */
  #scheduled: (() => void) | undefined

  constructor(
    private readonly storage: RoomStorage,
    private readonly metrics: SyncMetrics,
    private readonly logger: SyncLogger,
    private readonly afterCommit: (room: Room) => void,
    private readonly onFailure: (room: Room) => void,
    /** A test-only fault: commits wait this long instead of the end of the turn. */
    private readonly holdMs = 0,
  ) {}

  schedule(room: Room): void {
    this.#rooms.add(room)
    if (this.#scheduled) return
    if (this.holdMs > 0) {
      const timer = setTimeout(() => this.flush(), this.holdMs)
      this.#scheduled = () => clearTimeout(timer)
    } else {
      const immediate = setImmediate(() => this.flush())
      this.#scheduled = () => clearImmediate(immediate)
    }
  }

  /** Commits and relays everything pending now. Also called directly on unload and shutdown. */
  flush(): void {
    this.#scheduled?.()
    this.#scheduled = undefined
    if (this.#rooms.size === 0) return
    const batch: ({ room: Room } & Omit<RoomCommit, 'room'>)[] = []
    for (const room of this.#rooms) {
      const taken = room.takeUncommitted()
      if (taken) batch.push({ room, ...taken })
    }
    this.#rooms.clear()
    if (batch.length === 0) return
    const started = performance.now()
    try {
      this.storage.append(batch.map(({ room, ...commit }) => ({ room: room.name, ...commit })))
    } catch (error) {
      this.logger.error(
        { err: error, rooms: batch.map(({ room }) => room.name) },
        'commit failed; closing the rooms',
      )
      for (const { room } of batch) this.onFailure(room)
      return
    }
    this.metrics.commitObserved((performance.now() - started) / 1000)
    for (const { room, update } of batch) {
      room.committed(update)
      this.afterCommit(room)
    }
  }
}
