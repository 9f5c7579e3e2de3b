import { isDeepStrictEqual } from 'node:util'
import type * as Y from 'yjs'
import type { AnonymousView } from '../../../../shared/src/schema/anonymous-positions.js'
import type { SessionState } from '../../../../shared/src/schema/session.js'
import { readPoll, writePoll } from '../../../../shared/src/ydoc/poll-room.js'
import { RoomKind } from '../../../../shared/src/ydoc/rooms.js'
import { readSessionState, writeSessionState } from '../../../../shared/src/ydoc/session-room.js'
import { mapInOrder } from '../in-order.js'
import type { Repositories } from '../ports.js'
import { anonymousView } from './anonymous-positions.js'
import { shownState } from './hidden-results.js'
import { viewOf } from './polls.js'

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
  (repositories: Pick<Repositories, 'sessions' | 'polls' | 'anonymousPositions'>) =>
  async (room: string): Promise<((doc: Y.Doc) => void) | undefined> => {
    const prefix = `${RoomKind.session}:`
    if (!room.startsWith(prefix)) return undefined
    const sessionId = room.slice(prefix.length)
    const committed = await repositories.sessions.find(sessionId)
    const polls = await mapInOrder(await repositories.polls.list(sessionId), (poll) =>
      viewOf(repositories.polls, poll),
    )
    if (!committed && polls.length === 0) return undefined
    const anonymous =
      committed && (await anonymousView(repositories.anonymousPositions, committed.state))
    return (doc) => {
      if (committed) showSessionState(doc, committed.state, anonymous)
      for (const view of polls) {
        if (!isDeepStrictEqual(readPoll(doc, view.id), view)) writePoll(doc, view)
      }
    }
  }

/**
 * Writes what everyone may read of a session's state into its room (no positions of a proposal
 * whose results are hidden; counts alone of an anonymous one, `view`), unless the room shows it
 * already (no update then).
 */
export const showSessionState = (doc: Y.Doc, state: SessionState, view?: AnonymousView): void => {
  const hidden = shownState(state)
  const shown =
    view && hidden.proposal
      ? { ...hidden, proposal: { ...hidden.proposal, anonymousView: view } }
      : hidden
  if (!isDeepStrictEqual(readSessionState(doc), shown)) writeSessionState(doc, shown)
}
