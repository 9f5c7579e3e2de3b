import { useSyncExternalStore } from 'react'
import type { PlanDocument } from '../../../shared/src/schema/document.js'
import type { Participant } from '../../../shared/src/schema/people.js'
import { roomPermission } from '../../../shared/src/ydoc/rooms.js'
import type { RoomConnection } from '../sync/room-connection.js'

const noChanges = () => () => undefined

/**
 * Whether this device holds changes to the text that the server will never take: made while it
 * could still write or suggest, and sent after that stopped (a role, or whether commenters may
 * suggest, changed while it was offline). The server drops them as a read-only connection's, so
 * they would wait as "saving" for ever, seen by nobody else.
 */
export const useUnsentText = (
  text: RoomConnection | undefined,
  me: Participant,
  document: PlanDocument,
): boolean => {
  const status = useSyncExternalStore(text?.saves.subscribe ?? noChanges, () => text?.saves.status)
  const mayChange =
    roomPermission(me.role, 'doc') === 'write' ||
    (me.role === 'commenter' && document.commentersMaySuggest)
  return !mayChange && status?.state === 'saving' && text?.saves.unsaved === true
}
