import { useEffect, useRef, useState } from 'react'
import { CloseCode } from '../../../../shared/src/protocol/close-code.js'
import { openPresenceRoom } from '../../sync/presence-room.js'
import { leaveWorkspace } from './leave-workspace.js'

export interface Presence {
  /** Ids of the participants online anywhere in the workspace (this person included). */
  online: ReadonlySet<string>
  /** The server closed the room with 4401: this person was removed (local copies are cleared). */
  removed: boolean
}

/**
 * Joins the workspace's presence room while the home page is open. Also hears what the server
 * says about this person: removed (4401), or their role changed (4500, `onPermissionsChanged`).
 */
export const usePresence = (
  workspaceId: string,
  meId: string,
  onPermissionsChanged: () => void,
): Presence => {
  const [online, setOnline] = useState<ReadonlySet<string>>(new Set())
  const [removed, setRemoved] = useState(false)
  const permissionsChanged = useRef(onPermissionsChanged)
  permissionsChanged.current = onPermissionsChanged
  useEffect(() => {
    const room = openPresenceRoom({
      workspaceId,
      onRefused: (code) => {
        if (code !== CloseCode.unauthorized) return
        setRemoved(true)
        void leaveWorkspace(workspaceId, { endSession: true })
      },
      onPermissionsChanged: () => permissionsChanged.current(),
    })
    const update = () => {
      const ids = new Set(room.online().keys())
      // Our own state is never echoed back stamped; being connected is being online.
      if (room.provider.wsconnected) ids.add(meId)
      setOnline(ids)
    }
    room.provider.awareness.on('change', update)
    room.provider.on('status', update)
    update()
    return () => {
      room.provider.awareness.off('change', update)
      room.provider.off('status', update)
      room.destroy()
    }
  }, [workspaceId, meId])
  return { online, removed }
}
