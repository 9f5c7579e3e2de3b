import { isDeepStrictEqual } from 'node:util'
import type * as Y from 'yjs'
import type { SessionState } from '../../../shared/src/schema/session.js'
import { RoomKind } from '../../../shared/src/ydoc/rooms.js'
import { readSessionState, writeSessionState } from '../../../shared/src/ydoc/session-room.js'
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
  (repositories: Pick<Repositories, 'sessions'>) =>
  async (room: string): Promise<((doc: Y.Doc) => void) | undefined> => {
    const prefix = `${RoomKind.session}:`
    if (!room.startsWith(prefix)) return undefined
    const committed = await repositories.sessions.find(room.slice(prefix.length))
    if (!committed) return undefined
    return (doc) => showSessionState(doc, committed.state)
  }

/** Writes a session's state into its room unless the room shows it already (no update then). */
export const showSessionState = (doc: Y.Doc, state: SessionState): void => {
  if (!isDeepStrictEqual(readSessionState(doc), state)) writeSessionState(doc, state)
}
