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
  load(room: string): Promise<LoadedRoom>
  /**
   * Stores updates of several rooms atomically, with who made them (principal → number of
   * updates); rejects if nothing was stored.
   */
  append(batch: readonly RoomCommit[]): Promise<void>
  /**
   * Folds the room's log into a snapshot; resolves to the snapshot's size in bytes. `current`
   * is the live document's encoding when it holds exactly the committed log (so it need not be
   * rebuilt from the rows); the sync core appends nothing to the room until it resolves.
   */
  compact(room: string, current?: Uint8Array): Promise<number>
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
