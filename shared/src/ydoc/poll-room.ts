import type * as Y from 'yjs'
import type { PollView } from '../schema/poll.js'

/**
 * A session's polls live in its room (see session-room.ts), in their own map: poll id → what
 * everyone may see of it. The server writes a poll's view whole after each command; answers
 * themselves never enter the room.
 */
const rootName = 'polls'

export const readPolls = (doc: Y.Doc): unknown[] => [...doc.getMap<unknown>(rootName).values()]

export const readPoll = (doc: Y.Doc, pollId: string): unknown =>
  doc.getMap<unknown>(rootName).get(pollId)

export const writePoll = (doc: Y.Doc, view: PollView): void => {
  doc.getMap<PollView>(rootName).set(view.id, view)
}
