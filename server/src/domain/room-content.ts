import * as Y from 'yjs'
import type { Repositories } from './ports.js'

/**
 * A room's stored content as a fresh Y.Doc, for reading on the side of the live room. Callers
 * commit what the live rooms hold first when they need the very latest, and destroy the doc.
 */
export const storedRoomDoc = (repositories: Pick<Repositories, 'roomLog'>, room: string): Y.Doc => {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const update of repositories.roomLog.load(room).updates) Y.applyUpdate(doc, update)
  })
  return doc
}
