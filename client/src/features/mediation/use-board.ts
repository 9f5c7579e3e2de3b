import { useEffect, useState } from 'react'
import { type BoardIssue, readBoard } from '../../../../shared/src/ydoc/mediation-board.js'
import { openRoom } from '../../sync/room-connection.js'

export type Board =
  | { state: 'opening' }
  | { state: 'refused' }
  /** The server keeps refusing what this device sends (it cannot: the room is read-only). */
  | { state: 'rejected'; discard: () => Promise<void> }
  | {
      state: 'open'
      issues: BoardIssue[]
      /** Whether the room is connected (what is shown is live). */
      connected: boolean
    }

/**
 * The mediation's issues and options board, live and read-only: the board room opened like any
 * other room (synced, and kept on this device since it is not private), read again after every
 * change. Only the server writes that room; changes are board commands (`sendBoardCommand`).
 */
export const useBoard = (workspaceId: string, room: string): Board => {
  const [board, setBoard] = useState<Board>({ state: 'opening' })
  useEffect(() => {
    let refused = false
    const connection = openRoom({
      workspaceId,
      room,
      onRefused: () => {
        refused = true
        setBoard({ state: 'refused' })
      },
      onRejected: () => {
        refused = true
        setBoard({ state: 'rejected', discard: () => connection.discardLocalCopy() })
      },
    })
    const { doc, provider } = connection
    const show = () => {
      if (refused) return
      setBoard({ state: 'open', issues: readBoard(doc), connected: provider.wsconnected })
    }
    doc.on('update', show)
    provider.on('status', show)
    show()
    return () => {
      doc.off('update', show)
      provider.off('status', show)
      connection.destroy()
    }
  }, [workspaceId, room])
  return board
}
