import { isDeepStrictEqual } from 'node:util'
import type * as Y from 'yjs'
import type { SessionState } from '../../../shared/src/schema/session.js'
import { readPoll, writePoll } from '../../../shared/src/ydoc/poll-room.js'
import { RoomKind } from '../../../shared/src/ydoc/rooms.js'
import { readSessionState, writeSessionState } from '../../../shared/src/ydoc/session-room.js'
import { shownState } from './hidden-results.js'
import { viewOf } from './polls.js'
import type { Repositories } from './ports.js'

/**
 * Server-owned rooms show committed rows: a session room shows its session's state. The row is
 * written in a transaction and the room after it commits, so a crash in between leaves the room
 * behind the row. Each such room is therefore brought in line with its rows as it loads, before
 * anyone reads it; the change is committed like any other before it reaches a client.
 *
 * A mediation's board has no rows: its room is the one place its issues and options are kept,
 * written once per command, so there is nothing for it to fall behind.
 */
export const roomFromCommittedState =
  (repositories: Pick<Repositories, 'sessions' | 'polls'>) =>
  (room: string, doc: Y.Doc): void => {
    const prefix = `${RoomKind.session}:`
    if (!room.startsWith(prefix)) return
    const sessionId = room.slice(prefix.length)
    const committed = repositories.sessions.find(sessionId)
    if (committed) showSessionState(doc, committed.state)
    for (const poll of repositories.polls.list(sessionId)) {
      const view = viewOf(repositories.polls, poll)
      if (!isDeepStrictEqual(readPoll(doc, poll.id), view)) writePoll(doc, view)
    }
  }

/**
 * Writes what everyone may read of a session's state into its room (no positions of a proposal
 * whose results are hidden), unless the room shows it already (no update then).
 */
export const showSessionState = (doc: Y.Doc, state: SessionState): void => {
  const shown = shownState(state)
  if (!isDeepStrictEqual(readSessionState(doc), shown)) writeSessionState(doc, shown)
}
