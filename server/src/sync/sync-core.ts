import * as Y from 'yjs'
import { CloseCode } from '../../../shared/src/protocol/close-code.js'
import { type CommitFaults, CommitQueue } from './commit-queue.js'
import { Connection } from './connection.js'
import { GrantReview } from './grant-review.js'
import type {
  Authorize,
  ConnectionRequest,
  LoadedRoom,
  ReconcileRoom,
  RoomRelay,
  RoomStorage,
  Socket,
  SyncLimits,
  SyncLogger,
  SyncMetrics,
} from './ports.js'
import { decodeClientMessage, MalformedMessage, RefusedUpdate } from './protocol.js'
import { DocumentTooLarge, Room } from './room.js'
import { RoomPeers } from './room-peers.js'
import { RoomRegistry } from './room-registry.js'

export interface SyncCoreOptions {
  storage: RoomStorage
  authorize: Authorize
  limits: SyncLimits
  metrics: SyncMetrics
  logger: SyncLogger
  /** Rooms whose content follows committed rows are brought in line with them as they load. */
  reconcile?: ReconcileRoom
  /** The other nodes serving the same rooms; unset, this node is alone. */
  relay?: RoomRelay
  /** Test-only faults (see config.ts): never set in production. */
  faults?: CommitFaults
}

/** How long a node that loads a room to see who is present waits for the others' answers. */
const presenceAnswerMs = 500

/** A room's stored history, and the change that brings it in line with committed rows. */
type LoadingRoom = LoadedRoom & { reconcile: ((doc: Y.Doc) => void) | undefined }

/** What the transport calls for a socket once it has joined its room. */
export interface ClientSession {
  receive(frame: Uint8Array): void
  close(): void
}

/**
 * The sync core: rooms, their connections, commits and compaction. The transport feeds it
 * sockets and frames; it never sees HTTP or SQL.
 */
export class SyncCore {
  readonly #rooms: RoomRegistry<LoadingRoom>
  readonly #commits: CommitQueue
  readonly #unloadTimers = new Map<Room, NodeJS.Timeout>()
  readonly #compactionQueue = new Set<string>()
  readonly #peers: RoomPeers
  readonly #grants: GrantReview
  #compacting: NodeJS.Immediate | undefined
  #closing = false

  constructor(private readonly options: SyncCoreOptions) {
    const { storage, limits, metrics, logger } = options
    this.#grants = new GrantReview(options.authorize, logger)
    // Closes published while the link was down never arrive: every socket is checked again.
    options.relay?.onLinkRestored(() => void this.#grants.review(this.#rooms.loaded()))
    this.#peers = new RoomPeers(
      options.relay,
      storage,
      logger,
      metrics,
      (name) => this.#rooms.get(name),
      () => this.#rooms.loaded(),
    )
    this.#commits = new CommitQueue(
      storage,
      metrics,
      logger,
      (room, commit) => this.#peers.publish(room, commit),
      (room) => {
        this.#peers.committed(room)
        this.#maybeCompact(room)
      },
      (room) => this.#fail(room),
      (room) => void this.closeRooms([room.name], CloseCode.roomNotFound, 'the room was deleted'),
      options.faults,
    )
    this.#rooms = new RoomRegistry(
      async (name) => {
        try {
          // Heard from before the rows are read: no other node's commit falls in between.
          await this.#peers.join(name)
          const loaded = await storage.load(name)
          // Read after the room's rows: what commits in between reaches the room as an edit later.
          const reconcile = await options.reconcile?.(name)
          return { ...loaded, reconcile }
        } catch (error) {
          this.#peers.leave(name)
          throw error
        }
      },
      (name, { reconcile, ...loaded }) => {
        metrics.roomLoaded()
        const room = new Room(
          name,
          loaded,
          storage.origin,
          limits,
          metrics,
          (room) => this.#commits.schedule(room),
          (room, change) => this.#peers.presenceChanged(room, change),
        )
        try {
          if (reconcile) room.doc.transact(() => reconcile(room.doc), this)
        } catch (error) {
          // A room that cannot be brought in line fails to load, like one that cannot be read.
          room.destroy()
          this.#peers.leave(name)
          throw error
        }
        this.#peers.ready(room)
        if (room.droppedOnLoad) {
          logger.warn(
            { room: name, ...room.droppedOnLoad },
            'stored updates leave a gap (lost data?): what depends on the missing part was dropped',
          )
        }
        return room
      },
    )
  }

  get roomsLoaded(): number {
    return this.#rooms.size
  }

  /** Authorizes the socket and joins it to its room; closes it and answers undefined if not. */
  async open(socket: Socket, request: ConnectionRequest): Promise<ClientSession | undefined> {
    const { authorize, limits, metrics, logger } = this.options
    const decision = await authorize(request)
    if ('refused' in decision) {
      socket.close(decision.refused, decision.reason)
      return undefined
    }
    let room: Room
    try {
      room = await this.#rooms.acquire(request.room)
    } catch (error) {
      logger.error({ err: error, room: request.room }, 'room failed to load')
      socket.close(CloseCode.storageFailed, 'the room could not be loaded')
      return undefined
    }
    if (this.#closing) {
      socket.close(CloseCode.goingAway, 'server shutting down')
      return undefined
    }
    this.#cancelUnload(room)
    const connection = new Connection(socket, decision, limits.maxSendBufferBytes, metrics)
    this.#grants.remember(connection, request)
    room.attach(connection)
    metrics.connectionOpened()
    return {
      receive: (frame) => this.#receive(room, connection, frame),
      close: () => this.#detach(room, connection),
    }
  }

  /**
   * When a page of `principal` was last seen open in the room: now, for a socket on this node;
   * in a cluster, when its presence on another node was last renewed. A node that does not hold
   * the room loads it to hear who is present on the nodes that do. Undefined if no page is seen.
   */
  async pageSeen(name: string, principal: string): Promise<number | undefined> {
    let room = this.#rooms.get(name)
    if (!room) {
      if (!this.options.relay) return undefined
      room = await this.#rooms.acquire(name)
      // The nodes holding it answer with who is present on them (see RoomPeers.ready).
      await new Promise((resolve) => setTimeout(resolve, presenceAnswerMs))
      if (room.connections.size === 0 && this.#rooms.get(name) === room) this.#scheduleUnload(room)
    }
    if ([...room.connections].some((connection) => connection.grant.principal === principal)) {
      return Date.now()
    }
    return room.presence.lastSeen(principal)
  }

  /** Closes every socket held by `principal`, in every room. */
  disconnect(principal: string, code: number, reason: string): void {
    for (const room of this.#rooms.loaded()) {
      for (const connection of room.connections) {
        if (connection.grant.principal === principal) connection.close(code, reason)
      }
    }
  }

  /**
   * Closes every socket of these rooms and forgets them at once, with what they hold not yet
   * committed (it was relayed to nobody; a client that comes back sends it again). Resolves
   * once a commit under way, which may carry some of theirs, is over: whatever the caller does
   * to their storage next, no commit of theirs comes after it.
   */
  async closeRooms(names: readonly string[], code: number, reason: string): Promise<void> {
    for (const name of names) {
      const room = this.#rooms.get(name)
      if (!room) continue
      this.#cancelUnload(room)
      this.#commits.drop(room)
      for (const connection of room.connections) connection.close(code, reason)
      this.#evict(room)
      room.destroy()
    }
    await this.#commits.exclusive(async () => undefined)
  }

  /** Commits whatever any room holds uncommitted; resolves once it is stored. */
  commitPending(): Promise<void> {
    return this.#commits.flush()
  }

  /**
   * Changes a room's document on the server's behalf (a restore, say), loading the room if
   * needed. The change takes the same path as a client's: committed, then relayed to everyone;
   * it is on disk when the promise resolves. Made for `author` (who restored, say), it is
   * known as their change.
   */
  async edit(name: string, change: (doc: Y.Doc) => void, author?: string): Promise<void> {
    const room = await this.#rooms.acquire(name)
    try {
      room.edit(change, this, author)
    } finally {
      // A change that refuses (throws) may still have applied part of itself: store that too.
      await this.#commits.flush()
      if (room.connections.size === 0 && this.#rooms.get(name) === room) this.#scheduleUnload(room)
    }
  }

  /**
   * Like `edit`, for a room only while someone has it open: what is news to open pages is worth
   * nothing to a room nobody holds, and loading one for it would keep it in memory for nothing.
   */
  async editIfOpen(name: string, change: (doc: Y.Doc) => void): Promise<void> {
    const room = this.#rooms.get(name)
    const openHere = room !== undefined && room.connections.size > 0
    // Clients on another node are told too: the room is loaded here, edited and relayed.
    if (!openHere && !(await this.#peers.heldElsewhere(name))) return
    await this.edit(name, change)
  }

  /** Commits what is pending, closes every socket with 1001 and forgets every room. */
  async close(): Promise<void> {
    this.#closing = true
    await this.#commits.flush()
    if (this.#compacting) clearImmediate(this.#compacting)
    for (const timer of this.#unloadTimers.values()) clearTimeout(timer)
    this.#unloadTimers.clear()
    for (const room of this.#rooms.loaded()) {
      for (const connection of room.connections) {
        connection.close(CloseCode.goingAway, 'server shutting down')
      }
      this.#evict(room)
      room.destroy()
    }
    this.#peers.close()
  }

  #receive(room: Room, connection: Connection, frame: Uint8Array): void {
    if (connection.closed) return
    try {
      room.receive(connection, decodeClientMessage(frame))
    } catch (error) {
      if (error instanceof MalformedMessage) {
        connection.close(CloseCode.malformed, error.message.slice(0, 120))
      } else if (error instanceof RefusedUpdate) {
        connection.close(CloseCode.updateRefused, error.message.slice(0, 120))
      } else if (error instanceof DocumentTooLarge) {
        connection.close(CloseCode.tooBig, 'the document has reached its size limit')
      } else {
        this.options.logger.error({ err: error, room: room.name }, 'message handling failed')
        connection.close(CloseCode.storageFailed, 'internal error')
      }
    }
  }

  #detach(room: Room, connection: Connection): void {
    connection.markClosed()
    if (!room.connections.has(connection)) return
    room.detach(connection)
    this.options.metrics.connectionClosed()
    // A room already dropped (failed, deleted) has nothing left to unload.
    if (this.#rooms.get(room.name) !== room) return
    if (room.connections.size === 0 && !this.#closing) this.#scheduleUnload(room)
  }

  #scheduleUnload(room: Room): void {
    this.#cancelUnload(room)
    const timer = setTimeout(() => void this.#unload(room), this.options.limits.roomUnloadGraceMs)
    this.#unloadTimers.set(room, timer)
  }

  #cancelUnload(room: Room): void {
    const timer = this.#unloadTimers.get(room)
    if (timer) clearTimeout(timer)
    this.#unloadTimers.delete(room)
  }

  /**
   * Synchronous from the last check to eviction, so no client can join halfway through; what
   * the room holds is committed first (clients may join while that is under way).
   */
  async #unload(room: Room): Promise<void> {
    this.#unloadTimers.delete(room)
    while (
      room.hasUncommitted &&
      room.connections.size === 0 &&
      this.#rooms.get(room.name) === room
    ) {
      await this.#commits.flush()
    }
    if (room.connections.size > 0 || this.#unloadTimers.has(room) || this.#closing) return
    this.#evict(room)
    room.destroy()
  }

  /** A failed commit: the in-memory copy is ahead of the disk, so nobody may keep using it. */
  #fail(room: Room): void {
    this.#evict(room)
    room.commitFailed()
  }

  /** Forgets a room (if it is still the one loaded under its name) and stops hearing it. */
  #evict(room: Room): void {
    if (this.#rooms.get(room.name) !== room) return
    this.#rooms.evict(room)
    this.options.metrics.roomUnloaded()
    this.#peers.leave(room.name)
  }

  #maybeCompact(room: Room): void {
    const { compactAfterUpdates, compactAfterBytes } = this.options.limits
    if (room.logLength < compactAfterUpdates && room.logBytes < compactAfterBytes) return
    this.#compactionQueue.add(room.name)
    this.#compacting ??= setImmediate(() => void this.#compactNext())
  }

  /**
   * One room at a time, each in its own turn between two commits, so compaction never delays a
   * commit for long and no commit of the room lands while its log is folded.
   */
  async #compactNext(): Promise<void> {
    const [name] = this.#compactionQueue
    if (name === undefined) {
      this.#compacting = undefined
      return
    }
    this.#compactionQueue.delete(name)
    const started = performance.now()
    try {
      await this.#commits.exclusive(async () => {
        // A loaded room's document is its log applied: encoding it spares rebuilding it, unless
        // it holds updates not yet stored (they wait for the next commit, after this).
        const room = this.#rooms.get(name)
        const current =
          room && !room.hasUncommitted
            ? { encoded: Y.encodeStateAsUpdate(room.doc), heads: room.sequence.held }
            : undefined
        const snapshotBytes = await this.options.storage.compact(name, current)
        // Undefined: another node is folding the log right now, which serves as well.
        room?.compacted(snapshotBytes ?? room.storedBytes)
      })
      this.options.metrics.compactionObserved((performance.now() - started) / 1000)
    } catch (error) {
      // The log is untouched by a failed compaction; the next commit tries again.
      this.options.logger.error({ err: error, room: name }, 'compaction failed')
    }
    this.#compacting =
      this.#compactionQueue.size > 0 ? setImmediate(() => void this.#compactNext()) : undefined
  }
}
