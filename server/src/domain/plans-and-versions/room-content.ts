import * as Y from 'yjs'
import type { Repositories } from '../ports.js'

/**
 * A room's stored content as a fresh Y.Doc, for reading on the side of the live room. Callers
 * commit what the live rooms hold first when they need the very latest, and destroy the doc.
 */
export const storedRoomDoc = async (
  repositories: Pick<Repositories, 'roomLog'>,
  room: string,
): Promise<Y.Doc> => {
  const { updates } = await repositories.roomLog.load(room)
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update)
  })
  return doc
}
