import type * as Y from 'yjs'
import type { SessionState } from '../schema/session.js'

/** The kind prefix of a session's live room. */
export const sessionRoomName = (sessionId: string): string => `session:${sessionId}`

/** The session room holds one map; the server replaces `state` whole on every command. */
const rootName = 'session'
const stateKey = 'state'

export const readSessionState = (doc: Y.Doc): SessionState | undefined =>
  doc.getMap<SessionState>(rootName).get(stateKey)

export const writeSessionState = (doc: Y.Doc, state: SessionState): void => {
  doc.getMap<SessionState>(rootName).set(stateKey, state)
}
