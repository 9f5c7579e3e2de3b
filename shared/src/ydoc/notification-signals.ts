import type * as Y from 'yjs'

/**
 * That a person has new notifications, as the server announces it to their open pages: a
 * counter per participant id in the workspace's presence room (which clients may only read).
 * Only the counter is there, never what the notification says: every member reads the room,
 * so a page fetches its own person's notifications over REST, with that person's token.
 */
const rootName = 'notices'

const signalMap = (doc: Y.Doc): Y.Map<number> => doc.getMap<number>(rootName)

/** How often `participantId` was signalled; 0 before the first time. */
export const readNotificationSignal = (doc: Y.Doc, participantId: string): number => {
  const value = signalMap(doc).get(participantId)
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : 0
}

/** Counts each person's signal up by one (server only). */
export const bumpNotificationSignals = (doc: Y.Doc, participantIds: Iterable<string>): void => {
  const map = signalMap(doc)
  for (const id of new Set(participantIds)) map.set(id, readNotificationSignal(doc, id) + 1)
}

/** Calls `listener` whenever anyone's signal changes; returns the unsubscribe. */
export const observeNotificationSignals = (doc: Y.Doc, listener: () => void): (() => void) => {
  const map = signalMap(doc)
  map.observe(listener)
  return () => map.unobserve(listener)
}
