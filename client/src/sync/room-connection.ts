import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { isPrivateRoom } from '../../../shared/src/ydoc/rooms.js'
import { announceOnConnect } from './announce-on-connect.js'
import { isRefusal, manageReconnects } from './jittered-reconnect.js'
import { deleteLocalCopy, rememberLocalCopy } from './local-copies.js'
import { SaveTracker } from './save-tracker.js'
import { skipUnchangedFields } from './unchanged-fields.js'

export interface RoomConnection {
  room: string
  doc: Y.Doc
  provider: WebsocketProvider
  /** This device's copy; never for a private room (`isPrivateRoom`). */
  persistence: IndexeddbPersistence | undefined
  saves: SaveTracker
  destroy(): void
  /**
   * Closes the room and deletes its copy on this device, with whatever changes it held that the
   * server does not have. The page should reload afterwards.
   */
  discardLocalCopy(): Promise<void>
}

/**
 * Settles when the device's copy is in the document, or when there is none to wait for (the
 * browser refused the database, e.g. in some private windows: y-indexeddb then never syncs).
 */
const loaded = (persistence: IndexeddbPersistence): Promise<unknown> =>
  Promise.race([
    persistence.whenSynced,
    persistence._db.then(
      () => new Promise<never>(() => {}),
      () => undefined,
    ),
  ])

/** The sync endpoint of this page's server; the browser's cookie authenticates the upgrade. */
export const syncUrl = (): string =>
  `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/sync`

/**
 * One room, kept on this device (IndexedDB, keyed by the room name, so a reload offline still
 * has it) and synced with the server through the official y-websocket client. A private room
 * (a caucus) is never kept on the device: it lives in memory only while the page shows it.
 * `onRefused` hears the server's deliberate refusals (4401 removed, 4403, 4404). `onRejected`
 * hears that the server refused what this device sends (4422, see `manageReconnects`):
 * the room has stopped reconnecting, and only `discardLocalCopy` can help.
 */
export const openRoom = (options: {
  workspaceId: string
  room: string
  onRefused: (code: number) => void
  onRejected?: () => void
}): RoomConnection => {
  const { workspaceId, room } = options
  const doc = new Y.Doc()
  // The one place a room is stored in the browser: private rooms never are.
  const kept = !isPrivateRoom(room)
  if (kept) rememberLocalCopy(workspaceId, room)
  const persistence = kept ? new IndexeddbPersistence(room, doc) : undefined
  // Connects once the device's copy is loaded (see `manageReconnects`).
  const provider = new WebsocketProvider(syncUrl(), room, doc, { connect: false })
  skipUnchangedFields(provider.awareness)
  announceOnConnect(provider)
  const stopReconnects = manageReconnects(provider, {
    onRejected: () => options.onRejected?.(),
    ready: persistence ? loaded(persistence) : Promise.resolve(),
  })
  const saves = new SaveTracker(doc, provider, persistence ? [provider, persistence] : [provider])
  const onClosed = (event: CloseEvent | null) => {
    if (event && isRefusal(event.code)) options.onRefused(event.code)
  }
  provider.on('connection-close', onClosed)
  let closed: Promise<void> | undefined
  const close = (): Promise<void> => {
    closed ??= (() => {
      provider.off('connection-close', onClosed)
      stopReconnects()
      saves.destroy()
      provider.destroy()
      const stored = persistence?.destroy()
      doc.destroy()
      return stored ?? Promise.resolve()
    })()
    return closed
  }
  return {
    room,
    doc,
    provider,
    persistence,
    saves,
    destroy: () => void close(),
    discardLocalCopy: async () => {
      // The database is closed first, or deleting it would wait for this tab to let go.
      await close()
      if (kept) await deleteLocalCopy(room)
    },
  }
}
