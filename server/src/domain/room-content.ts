import * as Y from 'yjs'
import type { Stores } from './ports.js'

/**
 * A room's stored content as a fresh Y.Doc, for reading on the side of the live room. Callers
 * commit what the live rooms hold first when they need the very latest, and destroy the doc.
 */
export const storedRoomDoc = (stores: Stores, room: string): Y.Doc => {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const update of stores.roomLog.load(room).updates) Y.applyUpdate(doc, update)
  })
  return doc
}
