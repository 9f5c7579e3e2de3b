import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CloseCode } from '../../../shared/src/protocol/close-code.js'
import { PresenceUser } from '../../../shared/src/schema/people.js'
import { presenceRoomName } from '../../../shared/src/ydoc/rooms.js'
import { isRefusal, manageReconnects } from './jittered-reconnect.js'
import { syncUrl } from './room-connection.js'

export interface PresenceRoom {
  provider: WebsocketProvider
  /** The room's document: the server's news of the workspace (read-only). */
  doc: Y.Doc
  /** The participants online anywhere in the workspace, by id. */
  online(): Map<string, PresenceUser>
  destroy(): void
}

/**
 * The workspace's presence room: awareness and the server's news, nothing kept on the device.
 * Everyone opens it read-only; the server stamps each state's `user` with who that connection
 * is, so our own state needs just a field that says we are here.
 */
export const openPresenceRoom = (options: {
  workspaceId: string
  onRefused: (code: number) => void
  onPermissionsChanged: () => void
}): PresenceRoom => {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(syncUrl(), presenceRoomName(options.workspaceId), doc, {
    connect: window.navigator.onLine,
  })
  provider.awareness.setLocalStateField('online', true)
  const stopReconnects = manageReconnects(provider)
  const onClosed = (event: CloseEvent | null) => {
    if (!event) return
    if (isRefusal(event.code)) options.onRefused(event.code)
    else if (event.code === CloseCode.permissionsChanged) options.onPermissionsChanged()
  }
  provider.on('connection-close', onClosed)
  return {
    provider,
    doc,
    online: () => {
      const people = new Map<string, PresenceUser>()
      // Only states the server has relayed carry a stamped user; our own local state does not.
      for (const state of provider.awareness.getStates().values()) {
        const user = PresenceUser.safeParse(state.user)
        if (user.success) people.set(user.data.id, user.data)
      }
      return people
    },
    destroy: () => {
      provider.off('connection-close', onClosed)
      stopReconnects()
      provider.destroy()
      doc.destroy()
    },
  }
}
