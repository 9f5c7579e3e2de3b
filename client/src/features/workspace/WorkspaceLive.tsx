import { type ReactNode, useEffect, useState } from 'react'
import { CloseCode } from '../../../../shared/src/protocol/close-code.js'
import {
  observeNotificationSignals,
  readNotificationSignal,
} from '../../../../shared/src/ydoc/notification-signals.js'
import { observeNews, readNews } from '../../../../shared/src/ydoc/workspace-news.js'
import { fetchMe } from '../../api/workspaces.js'
import { openPresenceRoom } from '../../sync/presence-room.js'
import { NotificationBell } from '../notifications/NotificationBell.js'
import { leaveWorkspace } from './leave-workspace.js'
import { WorkspaceLiveContext, type WorkspaceLiveState } from './workspace-live.js'

/**
 * Around every page of a workspace: keeps its presence room open, so whoever is anywhere in
 * the workspace counts as online, and hands pages the server's news of what changed.
 */
export const WorkspaceLive = ({
  workspaceId,
  children,
}: {
  workspaceId: string
  children: ReactNode
}) => {
  const [state, setState] = useState<WorkspaceLiveState>({
    others: new Set(),
    connected: false,
    removed: false,
    permissionsRevision: 0,
    news: undefined,
    notificationSignal: 0,
  })
  useEffect(() => {
    const room = openPresenceRoom({
      workspaceId,
      onRefused: (code) => {
        if (code !== CloseCode.unauthorized) return
        setState((now) => ({ ...now, removed: true }))
        void leaveWorkspace(workspaceId, { endSession: true })
      },
      onPermissionsChanged: () =>
        setState((now) => ({ ...now, permissionsRevision: now.permissionsRevision + 1 })),
    })
    const updatePresence = () =>
      setState((now) => ({
        ...now,
        others: new Set(room.online().keys()),
        connected: room.provider.wsconnected,
      }))
    // Before the first sync the map is empty, not "nothing happened": no news until then.
    const updateNews = () => {
      if (room.provider.synced) setState((now) => ({ ...now, news: readNews(room.doc) }))
    }
    room.provider.awareness.on('change', updatePresence)
    room.provider.on('status', updatePresence)
    room.provider.on('sync', updateNews)
    const stopNews = observeNews(room.doc, updateNews)
    // Only this person's counter: the list itself comes over REST with their own cookie.
    let me: string | undefined
    const updateSignal = () => {
      if (me)
        setState((now) => ({
          ...now,
          notificationSignal: readNotificationSignal(room.doc, me ?? ''),
        }))
    }
    fetchMe(workspaceId).then(
      ({ participant }) => {
        me = participant.id
        updateSignal()
      },
      () => undefined,
    )
    const stopSignals = observeNotificationSignals(room.doc, updateSignal)
    updatePresence()
    return () => {
      stopNews()
      stopSignals()
      room.provider.awareness.off('change', updatePresence)
      room.provider.off('status', updatePresence)
      room.provider.off('sync', updateNews)
      room.destroy()
    }
  }, [workspaceId])
  return (
    <WorkspaceLiveContext.Provider value={state}>
      <NotificationBell workspaceId={workspaceId} />
      {children}
    </WorkspaceLiveContext.Provider>
  )
}
