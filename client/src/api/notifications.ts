import { type MarkReadBody, NotificationList } from '../../../shared/src/schema/notification.js'
import { request } from './http.js'

const base = (workspaceId: string) => `/api/workspaces/${workspaceId}/notifications`

/** The signed-in person's newest notifications and how many are unread. */
export const fetchNotifications = (workspaceId: string) =>
  request('GET', base(workspaceId), NotificationList)

/** Marks those `ids` read, or every one without ids. */
export const markNotificationsRead = (workspaceId: string, ids?: number[]) =>
  request(
    'POST',
    `${base(workspaceId)}/read`,
    NotificationList,
    (ids ? { ids } : {}) satisfies MarkReadBody,
  )
