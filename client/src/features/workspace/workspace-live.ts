import { createContext, useContext } from 'react'
import type { NewsRevisions, NewsTopic } from '../../../../shared/src/ydoc/workspace-news.js'

/** What every page of a workspace learns live from the workspace's presence room. */
export interface WorkspaceLiveState {
  /** The other participants online anywhere in the workspace, by id. */
  others: ReadonlySet<string>
  /** Whether this device is connected to the presence room (so this person is online). */
  connected: boolean
  /** The server closed the room with 4401: this person was removed. */
  removed: boolean
  /** Counts up whenever the server says this person's role changed (4500). */
  permissionsRevision: number
  news: NewsRevisions | undefined
  /** Counts up whenever the server tells this person's pages they have a new notification. */
  notificationSignal: number
}

// Kept apart from the provider, which needs Yjs, so pages can read it without loading Yjs.
export const WorkspaceLiveContext = createContext<WorkspaceLiveState | undefined>(undefined)

export const useWorkspaceLive = (): WorkspaceLiveState | undefined =>
  useContext(WorkspaceLiveContext)

/**
 * A number that changes whenever the server announces news about any of `topics`: put it in
 * the dependencies of the load that shows them, and the list refetches by itself.
 */
export const useNews = (...topics: NewsTopic[]): number => {
  const news = useContext(WorkspaceLiveContext)?.news
  return news ? topics.reduce((sum, topic) => sum + news[topic], 0) : 0
}

/** Distinct participants online: the others, and this person while connected. */
export const useOnline = (meId: string): ReadonlySet<string> => {
  const live = useContext(WorkspaceLiveContext)
  if (!live) return new Set()
  return live.connected ? new Set([...live.others, meId]) : live.others
}
