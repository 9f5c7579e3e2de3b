import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { PollView } from '../../../../shared/src/schema/poll.js'
import { SessionState } from '../../../../shared/src/schema/session.js'
import { readPolls } from '../../../../shared/src/ydoc/poll-room.js'
import { readSessionState } from '../../../../shared/src/ydoc/session-room.js'
import { announceOnConnect } from '../../sync/announce-on-connect.js'
import { isRefusal, manageReconnects } from '../../sync/jittered-reconnect.js'
import { syncUrl } from '../../sync/room-connection.js'

/**
 * A session's live room: server-owned, read-only for everyone, nothing kept on the device.
 * The official y-websocket client syncs it (the cookie authenticates the upgrade); every update
 * hands the state, checked against the shared schema, to `onState`.
 */
export const openSessionRoom = (options: {
  room: string
  onState: (state: SessionState) => void
  /** The session's polls as the room shows them, oldest first. */
  onPolls?: (polls: PollView[]) => void
  onConnected: (connected: boolean) => void
  onRefused: (code: number) => void
}): (() => void) => {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(syncUrl(), options.room, doc, {
    connect: window.navigator.onLine,
  })
  const stopReconnects = manageReconnects(provider)
  // Present in the room while open, so every node of a cluster knows a page of theirs is here
  // (a reload onto another node then is no leave: domain/sessions-and-decisions/closing-pages.ts).
  announceOnConnect(provider)
  const read = () => {
    const parsed = SessionState.safeParse(readSessionState(doc))
    if (parsed.success) options.onState(parsed.data)
    const polls = readPolls(doc).flatMap((value) => {
      const poll = PollView.safeParse(value)
      return poll.success ? [poll.data] : []
    })
    options.onPolls?.(polls.sort((a, b) => a.createdAt.localeCompare(b.createdAt)))
  }
  const onStatus = ({ status }: { status: string }) => options.onConnected(status === 'connected')
  const onClosed = (event: CloseEvent | null) => {
    if (event && isRefusal(event.code)) options.onRefused(event.code)
  }
  doc.on('update', read)
  provider.on('status', onStatus)
  provider.on('connection-close', onClosed)
  return () => {
    doc.off('update', read)
    provider.off('status', onStatus)
    provider.off('connection-close', onClosed)
    stopReconnects()
    provider.destroy()
    doc.destroy()
  }
}
