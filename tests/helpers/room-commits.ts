import * as Y from 'yjs'
import type { Storage } from '../../server/src/store/open-storage.js'
import type { RoomCommit } from '../../server/src/sync/ports.js'

/* What the room commit tests share: a plan to commit to, and commits of keystrokes in it. */

/** Three keystrokes in a plan, as the document emits them. */
export const keystrokes = (): Uint8Array[] => {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (const key of ['a', 'b', 'c']) doc.getText('plan').insert(0, key)
  return updates
}

/** A commit of `update` to `room` by Ani, with what `fields` say beside it. */
export const commit = (
  room: string,
  update: Uint8Array,
  fields: Partial<RoomCommit>,
): RoomCommit => ({
  room,
  update,
  authors: new Map([['p-ani', 1]]),
  writers: [],
  deletions: [],
  edits: [],
  alongside: [],
  ...fields,
})

/** A workspace with Ani (media) and its room `plan`. */
export const seedPlan = async (storage: Storage): Promise<void> => {
  const created = '2026-12-06T00:00:00.000Z'
  await storage.repositories.workspaces.insertWorkspace({
    id: 'w',
    name: 'Depok',
    description: '',
    createdAt: created,
    language: 'en',
  })
  await storage.repositories.workspaces.insertParticipant({
    id: 'p-ani',
    workspaceId: 'w',
    displayName: 'Ani',
    group: 'media',
    role: 'stakeholder',
    tokenHash: 'h',
    joinedAt: created,
  })
  await storage.repositories.documents.insertWorkspaceRoom('plan', 'w', 'doc')
}
