import type * as Y from 'yjs'
import type { CloseCode } from '../../../shared/src/protocol/close-code.js'
import type { Permission } from '../../../shared/src/protocol/permission.js'

/**
 * Everything the sync core needs from the outside world, as small interfaces. app.ts adapts the
 * store, the domain and the WebSocket transport to these shapes, so sync/ imports none of them.
 */

/** A room's stored history: apply `updates` in order to rebuild its document. */
export interface LoadedRoom {
  updates: Uint8Array[]
  /** Rows in the log after the snapshot, and their bytes: what compaction would fold. */
  logLength: number
  logBytes: number
  /** Snapshot plus log: the document's stored size. */
  storedBytes: number
  /** Yjs client id → the principal who writes with it (null: one whose record was erased). */
  writers: ReadonlyMap<number, string | null>
  /** The last commit number of each node the updates hold. */
  heads: CommitHeads
}

/**
 * Node → the last number of its commits in a room. Each node numbers its own commits of a
 * room 1, 2, 3… (so no node waits for another's to take a number); a number skipped is a commit
 * of that node missed.
 */
export type CommitHeads = ReadonlyMap<string, number>

/** A room's commits past given numbers, read back by a node that missed some. */
export interface RoomCatchUp {
  /** To apply in order; they may repeat what the document holds (harmless in Yjs). */
  updates: Uint8Array[]
  /** Each node's last commit number they hold. */
  heads: CommitHeads
}

/** What the live document holds when compaction may fold the log into it. */
export interface CurrentDocument {
  encoded: Uint8Array
  /** Every commit of each node up to its number here is in `encoded` (later ones may be, too). */
  heads: CommitHeads
}

/** A range of one Yjs client's clocks that one principal's update deleted. */
export interface DeletedRange {
  principal: string
  client: number
  clock: number
  length: number
}

/** Characters of text one principal's updates added and removed (formatting and blocks aside). */
export interface TextEdit {
  principal: string
  added: number
  removed: number
}

export interface RoomCommit {
  room: string
  update: Uint8Array
  authors: ReadonlyMap<string, number>
  /** Client ids these updates wrote with for the first time, and whose they are. */
  writers: readonly (readonly [client: number, principal: string])[]
  /** What these updates deleted, and whose update deleted it. */
  deletions: readonly DeletedRange[]
  /** How much text each principal changed with these updates, for the balance of voice. */
  edits: readonly TextEdit[]
  /**
   * Writes the room's rules asked for with these updates; each runs inside the append's own
   * transaction (a unit of work they open joins it), so both are kept, or neither.
   */
  alongside: readonly (() => Promise<void>)[]
}

/**
 * Durable storage of room updates. An update is relayed as soon as the `append` carrying it
 * resolves, so resolving means "committed, on disk"; the sync core never has two appends in
 * flight, so the next batch gathers while one commits.
 */
export interface RoomStorage {
  /** The name this node's commits are numbered under (among the numbers of every node). */
  readonly origin: string
  load(room: string): Promise<LoadedRoom>
  /**
   * Stores updates of several rooms (one each) atomically, with who made them (principal →
   * number of updates); rejects if nothing was stored. Answers each room's heads: this
   * commit's number under `origin`, and the other nodes' last numbers as stored then (one past
   * what the room has heard of is a commit it missed). A room missing from the answer no longer
   * exists (deleted while this commit was under way, perhaps by another node), and nothing of
   * it was stored.
   */
  append(batch: readonly RoomCommit[]): Promise<ReadonlyMap<string, CommitHeads>>
  /** The room's commits past each node's number in `held`, as they are stored now. */
  since(room: string, held: CommitHeads): Promise<RoomCatchUp>
  /**
   * Folds the room's log into a snapshot; resolves to the snapshot's size in bytes, or
   * undefined when another node is compacting it. `current` is the live document when it holds
   * nothing uncommitted (so it need not be rebuilt from the rows); the sync core appends
   * nothing to the room until it resolves.
   */
  compact(room: string, current?: CurrentDocument): Promise<number | undefined>
}

/** A commit one node made to a room, as the others hear of it. */
export interface RelayedCommit {
  /** The node that numbered it (its `commitOrigin`), and its number among that node's. */
  origin: string
  seq: number
  update: Uint8Array
  /** Client ids the commit wrote with for the first time, and whose they are. */
  writers: readonly (readonly [client: number, principal: string])[]
}

/** An awareness change on one node: the y-protocols update, and whose client ids it names. */
export interface RelayedAwareness {
  update: Uint8Array
  owners: readonly (readonly [client: number, principal: string])[]
}

/** What a node hears of a room it has joined, from the other nodes. */
export interface RoomListener {
  commit(commit: RelayedCommit): void
  awareness(change: RelayedAwareness): void
  /** A node that just loaded the room asks who is present. */
  presenceWanted(): void
  /** A node's last commit number after it lost its link: past ours, we missed some. */
  head(origin: string, seq: number): void
}

/**
 * The other nodes serving the same rooms (unset: this node is alone). A commit is relayed only
 * after it is stored, so whatever a node misses it can read back from the storage: gaps in the
 * commit numbers tell it, and so does `linkRestored`.
 */
export interface RoomRelay {
  /** Starts hearing the room; every message sent after it resolves is heard. */
  join(room: string, listener: RoomListener): Promise<void>
  leave(room: string): void
  commit(room: string, commit: RelayedCommit): void
  awareness(room: string, change: RelayedAwareness): void
  askPresence(room: string): void
  head(room: string, origin: string, seq: number): void
  /** Whether another node holds the room in memory. */
  heldElsewhere(room: string): Promise<boolean>
  /**
   * Hears that the link to the others was down (messages either way may be lost): rooms catch
   * up from the storage and tell their last commit numbers again.
   */
  onLinkRestored(listener: () => void): void
}

/**
 * Brings a room just loaded from storage in line with state committed elsewhere (a room the
 * server owns shows rows that are written first). What it changes is committed like any update
 * before a client can read it. It reads what is committed and answers the change to make (if
 * any), which the core applies in the turn the room becomes available, so nothing comes between.
 */
export type ReconcileRoom = (room: string) => Promise<((doc: Y.Doc) => void) | undefined>

/** The request facts an authorization decision may use. */
export interface ConnectionRequest {
  room: string
  url: URL
  headers: Readonly<Record<string, string | string[] | undefined>>
  remoteAddress: string
}

export type Refusal = {
  refused:
    | typeof CloseCode.unauthorized
    | typeof CloseCode.forbidden
    | typeof CloseCode.roomNotFound
  reason: string
}

/** What an authorized connection may do, and who it is. */
export interface Grant {
  /** Already resolved for the room's kind: a commenter gets `read` on a text room. */
  permission: Permission
  /** Who holds the connection, so their sockets can be found again (e.g. on removal). */
  principal?: string
  /** Stamped into the `user` field of every awareness state the connection sends. */
  user?: Record<string, unknown>
  /**
   * The room's own rules, judging each update before it is applied (who may write what); an
   * update it refuses closes the socket with 4422 and changes nothing.
   */
  judge?: (update: Uint8Array, doc: Y.Doc) => UpdateVerdict
}

/**
 * What a room's rules say of one update. An accepted one may bring a write of its own (e.g. an
 * audit entry) that is stored in the same transaction as the update: both are kept, or neither.
 */
export type UpdateVerdict =
  | { refused: string }
  | { accepted: true; alongside?: () => Promise<void> }

/**
 * The single seam where identity decides access: a grant for this connection in this room, or
 * a refusal that becomes the close code.
 */
export type Authorize = (request: ConnectionRequest) => Promise<Grant | Refusal>

/** One client's socket, as the sync core sees it. */
export interface Socket {
  send(message: Uint8Array): void
  close(code: number, reason: string): void
  /** Drops the socket without a closing handshake, for a peer that no longer reads. */
  terminate(): void
  /** Bytes queued for sending and not yet written to the network. */
  readonly bufferedAmount: number
}

/** Counters the sync core reports; app.ts binds them to Prometheus. */
export interface SyncMetrics {
  roomLoaded(): void
  roomUnloaded(): void
  connectionOpened(): void
  connectionClosed(): void
  updateReceived(bytes: number): void
  readOnlyUpdateDropped(): void
  messageSent(bytes: number): void
  commitObserved(seconds: number): void
  compactionObserved(seconds: number): void
  /** A room read back commits it missed from other nodes. */
  caughtUp(): void
}

export interface SyncLimits {
  /** Stored size past which a room refuses further updates (snapshot plus log). */
  maxDocumentBytes: number
  /** A socket whose unsent bytes exceed this is closed rather than buffered without end. */
  maxSendBufferBytes: number
  maxAwarenessStatesPerConnection: number
  maxAwarenessStateBytes: number
  roomUnloadGraceMs: number
  compactAfterUpdates: number
  compactAfterBytes: number
}

export interface SyncLogger {
  debug(fields: object, message: string): void
  warn(fields: object, message: string): void
  error(fields: object, message: string): void
}
