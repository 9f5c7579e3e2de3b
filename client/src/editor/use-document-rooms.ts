import { useEffect, useRef, useState } from 'react'
import { CloseCode } from '../../../shared/src/protocol/close-code.js'
import type { PlanDocument } from '../../../shared/src/schema/document.js'
import { leaveWorkspace } from '../features/workspace/leave-workspace.js'
import { openRoom, type RoomConnection } from '../sync/room-connection.js'

export interface DocumentRooms {
  text: RoomConnection
  comments: RoomConnection
}

export type RoomsState =
  | { state: 'open'; rooms: DocumentRooms }
  | { state: 'removed' }
  | { state: 'refused' }
  | {
      /**
       * The server keeps refusing changes this device sends to one of the rooms (1008), so that
       * room stopped reconnecting. `discard` deletes the refused rooms' copies on this device;
       * the page reloads after it.
       */
      state: 'rejected'
      discard: () => Promise<void>
    }
  | { state: 'opening' }

/** The rooms of a text and its comments: a document's, or a caucus's text and notes. */
export type TextRooms = Pick<PlanDocument, 'workspaceId' | 'room' | 'commentsRoom'>

/**
 * Opens the document's text and comments rooms for as long as the page shows it. When the server
 * says this person is no longer in the workspace (4401), every local copy of it is deleted. When
 * it says their role changed (4500; the rooms reconnect with the new permission by themselves),
 * or a room connects again after the device was cut off (a change made meanwhile closed no
 * socket of it), `onPermissionsChanged` is called so the page can ask who they are now. When the server keeps
 * refusing what this device sends to a room (see `manageReconnects`), the state is `rejected`.
 */
export const useDocumentRooms = (
  document: TextRooms | undefined,
  onPermissionsChanged: () => void = () => undefined,
): RoomsState => {
  const [state, setState] = useState<RoomsState>({ state: 'opening' })
  const permissionsChanged = useRef(onPermissionsChanged)
  permissionsChanged.current = onPermissionsChanged
  const workspaceId = document?.workspaceId
  const textRoom = document?.room
  const commentsRoom = document?.commentsRoom
  useEffect(() => {
    if (!workspaceId || !textRoom || !commentsRoom) return
    let rooms: DocumentRooms | undefined
    const onRefused = (code: number) => {
      rooms?.text.destroy()
      rooms?.comments.destroy()
      rooms = undefined
      if (code === CloseCode.unauthorized) {
        setState({ state: 'removed' })
        void leaveWorkspace(workspaceId, { endSession: true })
      } else setState({ state: 'refused' })
    }
    const rejected = new Set<RoomConnection>()
    const discard = async () => {
      await Promise.all([...rejected].map((room) => room.discardLocalCopy()))
    }
    const open = (room: string): RoomConnection => {
      const connection: RoomConnection = openRoom({
        workspaceId,
        room,
        onRefused,
        onRejected: () => {
          if (!rooms) return
          rejected.add(connection)
          setState({ state: 'rejected', discard })
        },
      })
      return connection
    }
    rooms = { text: open(textRoom), comments: open(commentsRoom) }
    // Both rooms close with 4500 at once; one question to the server is enough.
    let pending: ReturnType<typeof setTimeout> | undefined
    const askAgain = () => {
      clearTimeout(pending)
      pending = setTimeout(() => permissionsChanged.current(), 50)
    }
    const onClosed = (event: CloseEvent | null) => {
      if (event?.code === CloseCode.permissionsChanged) askAgain()
    }
    // A change made while this device was offline closed none of its sockets: coming back, ask
    // again too (else a commenter moved to another group goes on suggesting under the old one).
    const providers = [rooms.text.provider, rooms.comments.provider].map((provider) => {
      let connectedBefore = false
      const onStatus = ({ status }: { status: string }) => {
        if (status !== 'connected') return
        if (connectedBefore) askAgain()
        connectedBefore = true
      }
      return { provider, onStatus }
    })
    for (const { provider, onStatus } of providers) {
      provider.on('connection-close', onClosed)
      provider.on('status', onStatus)
    }
    setState({ state: 'open', rooms })
    return () => {
      clearTimeout(pending)
      for (const { provider, onStatus } of providers) {
        provider.off('connection-close', onClosed)
        provider.off('status', onStatus)
      }
      rooms?.text.destroy()
      rooms?.comments.destroy()
    }
  }, [workspaceId, textRoom, commentsRoom])
  return state
}
