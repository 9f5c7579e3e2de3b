import type {
  RelayedAwareness,
  RelayedCommit,
  RoomListener,
  RoomRelay,
  RoomStorage,
  SyncLogger,
  SyncMetrics,
} from './ports.js'
import { ReadBackTimes } from './read-back-times.js'
import type { Room } from './room.js'

/** After this many read-backs in a row that find nothing new, it is logged. */
const fruitlessToLog = 5

/**
 * The other nodes holding this node's rooms (none without a relay): what this node hears of
 * them, and what it reads back from the storage when it has missed something. A room joins
 * before its rows are read, so no commit falls in between; commits heard while it loads wait
 * for it.
 */
export class RoomPeers {
  /** Commits heard for rooms still loading, applied once they are loaded. */
  readonly #early = new Map<string, RelayedCommit[]>()
  readonly #readBacks = new ReadBackTimes((name) => {
    const room = this.loaded(name)
    if (room) void this.#catchUp(room)
  })
  /** Rooms to read back whatever their numbers say: the link was lost. */
  readonly #afterLostLink = new Set<string>()

  constructor(
    private readonly relay: RoomRelay | undefined,
    private readonly storage: Pick<RoomStorage, 'since'>,
    private readonly logger: SyncLogger,
    private readonly metrics: Pick<SyncMetrics, 'caughtUp'>,
    /** The room loaded under a name now, if any. */
    private readonly loaded: (name: string) => Room | undefined,
    private readonly rooms: () => readonly Room[],
  ) {
    relay?.onLinkRestored(() => {
      // Messages either way may be lost: read back what we missed, tell what we made.
      for (const room of this.rooms()) {
        this.#afterLostLink.add(room.name)
        this.#readBacks.now(room.name)
        relay.head(room.name, room.sequence.own, room.sequence.ownLatest)
      }
    })
  }

  /** Starts hearing a room about to be read from the storage. */
  async join(name: string): Promise<void> {
    if (!this.relay) return
    this.#early.set(name, [])
    await this.relay.join(name, this.#listener(name))
  }

  /** The room is loaded: what was heard meanwhile applies, and the others say who is present. */
  ready(room: Room): void {
    for (const commit of this.#early.get(room.name) ?? []) room.hear(commit)
    this.#early.delete(room.name)
    this.#checkBehind(room)
    this.relay?.askPresence(room.name)
  }

  /** This node stored a commit of the room: the others hear of it. */
  publish(room: Room, commit: RelayedCommit): void {
    this.relay?.commit(room.name, commit)
  }

  /** The room took in its own stored commit: one of the others' it skipped is read back. */
  committed(room: Room): void {
    this.#checkBehind(room)
  }

  presenceChanged(room: Room, change: RelayedAwareness): void {
    this.relay?.awareness(room.name, change)
  }

  async heldElsewhere(name: string): Promise<boolean> {
    return (await this.relay?.heldElsewhere(name)) ?? false
  }

  leave(name: string): void {
    this.#early.delete(name)
    this.#readBacks.forget(name)
    this.#afterLostLink.delete(name)
    this.relay?.leave(name)
  }

  close(): void {
    this.#readBacks.close()
  }

  #listener(name: string): RoomListener {
    return {
      commit: (commit) => {
        const room = this.loaded(name)
        if (!room) {
          this.#early.get(name)?.push(commit)
          return
        }
        room.hear(commit)
        this.#checkBehind(room)
      },
      awareness: (change) => {
        try {
          this.loaded(name)?.presence.hear(change)
        } catch (error) {
          this.logger.warn({ err: error, room: name }, 'presence from another node dropped')
        }
      },
      presenceWanted: () => {
        const own = this.loaded(name)?.presence.ownStates()
        if (own) this.relay?.awareness(name, own)
      },
      head: (origin, seq) => {
        const room = this.loaded(name)
        if (!room?.sequence.lacks(origin, seq)) return
        room.sequence.heardOf(new Map([[origin, seq]]))
        this.#readBacks.now(room.name)
      },
    }
  }

  #checkBehind(room: Room): void {
    if (room.sequence.behind) this.#readBacks.behind(room.name, room.sequence.missing)
    else this.#readBacks.settled(room.name)
  }

  /** Reads back from the storage the commits this node missed (never guesses them). */
  async #catchUp(room: Room): Promise<void> {
    if (this.loaded(room.name) !== room) return
    // What it waited for arrived meanwhile: nothing to read. (After a lost link it reads back
    // all the same: what was lost then, no number says.)
    const unknown = this.#afterLostLink.delete(room.name)
    if (!room.sequence.behind && !unknown) return
    try {
      const missed = await this.storage.since(room.name, room.sequence.held)
      if (this.loaded(room.name) !== room) return
      room.caughtUp(missed)
      this.metrics.caughtUp()
      this.logger.debug(
        { room: room.name, heads: Object.fromEntries(missed.heads) },
        'caught up from storage',
      )
    } catch (error) {
      this.logger.warn({ err: error, room: room.name }, 'catching up failed; will retry')
      if (unknown) this.#afterLostLink.add(room.name)
      this.#readBacks.failed(room.name)
      return
    }
    if (room.sequence.behind) {
      const fruitless = this.#readBacks.stillMissing(room.name, room.sequence.missing)
      if (fruitless === fruitlessToLog)
        this.logger.warn(
          { room: room.name, held: Object.fromEntries(room.sequence.held) },
          'a commit announced is still not stored after several read-backs; looking less often',
        )
    }
    this.#checkBehind(room)
  }
}
