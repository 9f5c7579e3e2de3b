import * as Y from 'yjs'
import { CloseCode } from '../../../shared/src/protocol/close-code.js'
import { CommitBase } from './commit-base.js'
import { CommitSequences } from './commit-sequences.js'
import { type DroppedPending, dropPending, whyIncomplete } from './complete-update.js'
import type { Connection } from './connection.js'
import { HeldReplies, type HeldReply } from './held-replies.js'
import type {
  CommitHeads,
  LoadedRoom,
  RelayedAwareness,
  RelayedCommit,
  RoomCatchUp,
  RoomCommit,
  SyncLimits,
  SyncMetrics,
  UpdateVerdict,
} from './ports.js'
import { Presence, relayed } from './presence.js'
import {
  type ClientMessage,
  encodeAwarenessMessage,
  encodeSaved,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  isEmptyUpdate,
  MalformedMessage,
  RefusedUpdate,
} from './protocol.js'
import { RoomWriters } from './writers.js'

type AwarenessChange = Record<'added' | 'updated' | 'removed', number[]>

/** Past this many updates in one commit, encoding from the document beats merging them. */
const mergeAtMost = 16

/** Thrown when an update would grow a room past its document size limit. */
export class DocumentTooLarge extends Error {
  override name = 'DocumentTooLarge'
}

/**
 * One live document and the connections editing it. Updates are applied at once (so the next
 * message in the same turn sees them) but only leave the room through `commit`: nothing is sent
 * to any client until the commit queue has stored it.
 */
export class Room {
  readonly doc: Y.Doc
  readonly presence: Presence
  readonly connections = new Set<Connection>()
  /**
   * What the stored history could not integrate, dropped on load. Updates are checked whole
   * before they are stored, so a gap means rows were lost (or a snapshot written before that
   * check kept a crafted update's pending part).
   */
  readonly droppedOnLoad: DroppedPending | undefined
  /** Which numbered commits the document holds, each node's (several may commit to one room). */
  readonly sequence: CommitSequences
  /** Updates the document emitted since the last commit, encoded by Yjs itself. */
  #uncommitted: Uint8Array[] = []
  /** Who made them: principal → updates that changed the document. */
  #uncommittedAuthors = new Map<string, number>()
  /** Writes the room's rules asked for with those updates (e.g. audit entries). */
  #uncommittedAlongside: (() => Promise<void>)[] = []
  /** Commits of this room's updates under way (taken, not yet stored): the next may be taken while one is relayed. */
  #committing = 0
  /** Where the next commit starts, less what other nodes committed since. */
  readonly #commitBase = new CommitBase()
  /** Who writes with which client id, and what each principal deleted since the last commit. */
  readonly #writers: RoomWriters
  /** The principal whose change the document is applying right now, if any. */
  #writing: string | undefined
  /** Replies that wait until what they may contain is stored. */
  readonly #replies = new HeldReplies()
  #storedBytes: number
  #logLength: number
  #logBytes: number

  constructor(
    readonly name: string,
    loaded: LoadedRoom,
    /** The name this node's commits are numbered under. */
    origin: string,
    private readonly limits: SyncLimits,
    private readonly metrics: SyncMetrics,
    private readonly onUncommitted: (room: Room) => void,
    /** Hears a presence change made on this node, for the other nodes. */
    private readonly onPresence?: (room: Room, change: RelayedAwareness) => void,
  ) {
    // A guid given spares Yjs a random UUID (31 crypto calls), which dominated loading rooms.
    this.doc = new Y.Doc({ gc: true, guid: name })
    this.doc.transact(() => {
      for (const update of loaded.updates) Y.applyUpdate(this.doc, update)
    })
    this.droppedOnLoad = dropPending(this.doc)
    this.sequence = new CommitSequences(origin, loaded.heads)
    this.#storedBytes = loaded.storedBytes
    this.#logLength = loaded.logLength
    this.#logBytes = loaded.logBytes
    this.doc.on('beforeTransaction', () => {
      if (this.#uncommitted.length === 0) this.#commitBase.reset(this.doc)
    })
    this.#writers = new RoomWriters(loaded.writers)
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (this.#writing) this.#writers.note(this.#writing, transaction)
      if (transaction.origin === relayed) this.#commitBase.relayed(transaction)
    })
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === relayed) {
        // Another node stored it before relaying it: nothing to commit, it goes out at once.
        this.#storedBytes += update.byteLength
        this.#logLength += 1
        this.#logBytes += update.byteLength
        this.#broadcast(encodeSyncUpdate(update))
        return
      }
      if (this.#uncommitted.length === 0) this.onUncommitted(this)
      this.#uncommitted.push(update)
    })
    this.presence = new Presence(this.doc, limits)
    this.presence.awareness.on('update', (change: AwarenessChange, origin: unknown) => {
      const changed = [...change.added, ...change.updated, ...change.removed]
      this.#broadcast(encodeAwarenessMessage(this.presence.awareness, changed))
      if (origin !== relayed) this.onPresence?.(this, this.presence.relayable(changed))
    })
  }

  get logLength(): number {
    return this.#logLength
  }

  get logBytes(): number {
    return this.#logBytes
  }

  get storedBytes(): number {
    return this.#storedBytes
  }

  /** Whether the document holds anything not yet stored (applied, or in a commit under way). */
  get hasUncommitted(): boolean {
    return this.#uncommitted.length > 0 || this.#committing > 0
  }

  attach(connection: Connection): void {
    this.connections.add(connection)
    connection.send(encodeSyncStep1(this.doc))
    const present = this.presence.clientIds
    if (present.length > 0)
      connection.send(encodeAwarenessMessage(this.presence.awareness, present))
  }

  detach(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    this.presence.leave(connection)
  }

  /** Handles one decoded message; throws MalformedMessage or DocumentTooLarge to refuse it. */
  receive(connection: Connection, message: ClientMessage): void {
    switch (message.type) {
      case 'syncStep1':
        this.#replyStep2(connection, message.stateVector)
        return
      case 'syncUpdate':
        this.#applyUpdate(connection, message.update)
        return
      case 'awareness':
        this.presence.receive(connection, message.update)
        return
      case 'queryAwareness':
        connection.send(encodeAwarenessMessage(this.presence.awareness, this.presence.clientIds))
        return
      case 'auth':
        // Clients have nothing to say in auth messages; permission comes from the request.
        return
      case 'savedSubscribe': {
        connection.wantsSaved = true
        const acknowledge = () => {
          const saved = encodeSaved(Y.encodeStateVector(this.doc))
          return () => connection.send(saved)
        }
        this.#replies.send(acknowledge, this.hasUncommitted)
        return
      }
      default: {
        const unhandled: never = message
        throw new MalformedMessage(`unhandled message ${JSON.stringify(unhandled)}`)
      }
    }
  }

  /**
   * Hands what is uncommitted to the commit queue, as one update encoded by the document itself
   * (never by merging client bytes): a few updates are merged (each was encoded by this Y.Doc),
   * many are encoded afresh from the document since the last committed state, which costs far
   * less than merging thousands. That encoding leaves out what other nodes committed meanwhile:
   * this node's clients had it already, relayed.
   */
  takeUncommitted(): Omit<RoomCommit, 'room'> | undefined {
    const updates = this.#uncommitted
    const authors = this.#uncommittedAuthors
    const alongside = this.#uncommittedAlongside
    if (updates.length === 0) return undefined
    this.#uncommitted = []
    this.#uncommittedAuthors = new Map()
    this.#uncommittedAlongside = []
    let update: Uint8Array
    if (updates.length === 1) update = updates[0] as Uint8Array
    else if (updates.length <= mergeAtMost) update = Y.mergeUpdates(updates)
    else update = this.#commitBase.encodeOwn(this.doc) ?? Y.mergeUpdates(updates)
    this.#committing += 1
    // The document holds exactly what this commit stores: replies waiting for it are made now.
    this.#replies.taken()
    if (this.#savedWanted()) {
      const saved = encodeSaved(Y.encodeStateVector(this.doc))
      this.#replies.add(() => {
        for (const connection of this.connections) if (connection.wantsSaved) connection.send(saved)
      })
    }
    return { update, authors, alongside, ...this.#writers.take() }
  }

  /**
   * Changes the document on the server's behalf. Made for `author`, it is written under a client
   * id of the server's that is theirs alone, so the change is known as theirs.
   */
  edit(change: (doc: Y.Doc) => void, origin: unknown, author?: string): void {
    const own = this.doc.clientID
    if (author) this.doc.clientID = this.#writers.serverClientFor(author, this.doc)
    this.#writing = author
    try {
      this.doc.transact(() => change(this.doc), origin)
    } finally {
      this.doc.clientID = own
      this.#writing = undefined
    }
  }

  /** Another node's commit: applied (and relayed here) once every commit before it is. */
  hear(commit: RelayedCommit): void {
    this.#applyRelayed(this.sequence.heard(commit))
  }

  /** Commits read back from the storage after some were missed, and what waited for them. */
  caughtUp({ updates, heads }: RoomCatchUp): void {
    if (updates.length > 0) {
      this.doc.transact(() => {
        for (const update of updates) Y.applyUpdate(this.doc, update)
      }, relayed)
    }
    this.#applyRelayed(this.sequence.caughtUp(heads))
  }

  /**
   * The commit queue stored `update` as this node's commit `seq`: now it may be relayed, with
   * the replies it held back. `heads` are the other nodes' numbers the storage knew of then.
   */
  committed(update: Uint8Array, seq: number, heads: CommitHeads): void {
    this.#committing -= 1
    this.#logLength += 1
    this.#logBytes += update.byteLength
    this.#storedBytes += update.byteLength
    this.#broadcast(encodeSyncUpdate(update))
    this.#replies.stored()
    // Replies asked for during the commit hold nothing newer than the next one under way, if
    // nothing was applied since: they go with it, or now if none is.
    if (this.#uncommitted.length === 0) this.#replies.settle()
    this.#applyRelayed(this.sequence.stored(seq))
    this.sequence.heardOf(heads)
  }

  /** Storing failed: nothing was relayed, and no client may keep reading this copy. */
  commitFailed(): void {
    this.#committing = 0
    for (const connection of this.connections) {
      connection.close(CloseCode.storageFailed, 'storing the update failed')
    }
    this.#replies.drop()
  }

  compacted(snapshotBytes: number): void {
    this.#logLength = 0
    this.#logBytes = 0
    this.#storedBytes = snapshotBytes
  }

  destroy(): void {
    this.presence.destroy()
    this.doc.destroy()
  }

  #replyStep2(connection: Connection, stateVector: Uint8Array): void {
    const reply: HeldReply = () => {
      let message: Uint8Array
      try {
        message = encodeSyncStep2(this.doc, stateVector)
      } catch {
        return () => connection.close(CloseCode.malformed, 'malformed state vector')
      }
      return () => connection.send(message)
    }
    // The document may hold updates not yet on disk; they are sent to nobody before the commit.
    this.#replies.send(reply, this.hasUncommitted)
  }

  /** Refuses, before it touches the document, an update Yjs would not integrate whole. */
  #checkComplete(connection: Connection, update: Uint8Array): void {
    let problem: string | undefined
    try {
      problem = whyIncomplete(
        update,
        this.doc,
        (client) =>
          this.presence.mayWriteAs(connection, client) &&
          this.#writers.mayWrite(connection.grant.principal, client),
      )
    } catch {
      throw new MalformedMessage('update does not decode')
    }
    if (problem) throw new MalformedMessage(`incomplete update: ${problem}`)
  }

  /** The room's own rules on an update; one that does not even decode is malformed too. */
  #judge(connection: Connection, update: Uint8Array): { alongside?: () => Promise<void> } {
    const { judge } = connection.grant
    if (!judge) return {}
    let verdict: UpdateVerdict
    try {
      verdict = judge(update, this.doc)
    } catch {
      throw new MalformedMessage('update does not decode')
    }
    if ('refused' in verdict) throw new RefusedUpdate(verdict.refused)
    return verdict
  }

  #applyUpdate(connection: Connection, update: Uint8Array): void {
    this.metrics.updateReceived(update.byteLength)
    if (!connection.canChangeDocument) {
      this.metrics.readOnlyUpdateDropped()
      return
    }
    if (isEmptyUpdate(update)) return
    this.#checkComplete(connection, update)
    const verdict = this.#judge(connection, update)
    if (this.#storedBytes + update.byteLength > this.limits.maxDocumentBytes) {
      throw new DocumentTooLarge(
        `room ${this.name} would pass ${this.limits.maxDocumentBytes} bytes`,
      )
    }
    const before = this.#uncommitted.length
    this.#writing = connection.grant.principal
    try {
      Y.applyUpdate(this.doc, update, connection)
      // Never expected after the check above; should Yjs still keep something back, nobody gets it.
      if (dropPending(this.doc)) throw new Error('the update left pending structs')
    } catch (error) {
      // Whatever part did integrate was emitted as a doc update and is committed as usual.
      throw new MalformedMessage(error instanceof Error ? error.message : 'update does not decode')
    } finally {
      this.#writing = undefined
      const principal = connection.grant.principal
      const changed = this.#uncommitted.length > before
      if (principal && changed) {
        this.#uncommittedAuthors.set(principal, (this.#uncommittedAuthors.get(principal) ?? 0) + 1)
      }
      if (changed && verdict.alongside) this.#uncommittedAlongside.push(verdict.alongside)
    }
  }

  /** Other nodes' commits, in order: stored already, they go to this node's clients at once. */
  #applyRelayed(commits: readonly RelayedCommit[]): void {
    for (const { update, writers } of commits) {
      this.#writers.learn(writers)
      Y.applyUpdate(this.doc, update, relayed)
    }
  }

  #broadcast(message: Uint8Array): void {
    for (const connection of this.connections) connection.send(message)
  }

  #savedWanted(): boolean {
    for (const connection of this.connections) if (connection.wantsSaved) return true
    return false
  }
}
