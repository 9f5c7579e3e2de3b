import { useEffect, useState } from 'react'
import type { RoomConnection } from '../sync/room-connection.js'

/** Whether the room's document holds anything yet (from this device's copy or the server). */
const holdsText = (text: RoomConnection): boolean =>
  text.provider.synced || (text.persistence?.synced === true && text.doc.store.clients.size > 0)

/**
 * Whether the room's text has arrived: the server's copy, or this device's own copy of it.
 * Until then the editor must not take keystrokes: on a slow network a fresh device would type
 * into an empty document, and Yjs then merges that new paragraph into the arriving text at a
 * place nobody chose (glued to a heading).
 */
export const useTextArrived = (text: RoomConnection): boolean => {
  const [arrived, setArrived] = useState(() => holdsText(text))
  useEffect(() => {
    setArrived(holdsText(text))
    // Once arrived, it stays: a dropped connection later does not take the text away.
    const check = () => setArrived((before) => before || holdsText(text))
    check()
    text.provider.on('sync', check)
    text.persistence?.on('synced', check)
    return () => {
      text.provider.off('sync', check)
      text.persistence?.off('synced', check)
    }
  }, [text])
  return arrived
}
