import { useEffect, useState } from 'react'
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
  | { state: 'opening' }

/**
 * Opens the document's text and comments rooms for as long as the page shows it. When the server
 * says this person is no longer in the workspace (4401), every local copy of it is deleted.
 */
export const useDocumentRooms = (document: PlanDocument | undefined): RoomsState => {
  const [state, setState] = useState<RoomsState>({ state: 'opening' })
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
    rooms = {
      text: openRoom({ workspaceId, room: textRoom, onRefused }),
      comments: openRoom({ workspaceId, room: commentsRoom, onRefused }),
    }
    setState({ state: 'open', rooms })
    return () => {
      rooms?.text.destroy()
      rooms?.comments.destroy()
    }
  }, [workspaceId, textRoom, commentsRoom])
  return state
}
