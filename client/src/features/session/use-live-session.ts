import { useEffect, useState } from 'react'
import type { PollView } from '../../../../shared/src/schema/poll.js'
import type { Session, SessionState } from '../../../../shared/src/schema/session.js'
import { fetchSession, sendCommand } from '../../api/sessions.js'
import { openSessionRoom } from './session-room.js'

export type LiveSession =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | {
      state: 'ready'
      session: Session
      live: SessionState
      /** The session's polls, live from the same room. */
      polls: PollView[]
      /** Whether the session room is connected (the state shown is live). */
      connected: boolean
      /** The server refused the room (4401 removed, 4403, 4404). */
      refused: number | undefined
    }

/**
 * A session and its live state: first the REST answer, then whatever the server writes into the
 * session's room. Opening the page says "I am here" (`attendance.join`, idempotent); leaving
 * it says "I have gone" (`attendance.leave`).
 */
export const useLiveSession = (sessionId: string): LiveSession => {
  const [session, setSession] = useState<Session>()
  const [live, setLive] = useState<SessionState>()
  const [polls, setPolls] = useState<PollView[]>([])
  const [connected, setConnected] = useState(false)
  const [refused, setRefused] = useState<number>()
  const [error, setError] = useState<unknown>()

  useEffect(() => {
    let current = true
    setSession(undefined)
    fetchSession(sessionId).then(
      (answer) => {
        if (!current) return
        setSession(answer.session)
        setLive((state) => state ?? answer.state)
        // Joining an ended session is refused; there is nothing to say about that.
        if (answer.state.status === 'running') {
          sendCommand(sessionId, { type: 'attendance.join' }).catch(() => undefined)
        }
      },
      (failure: unknown) => current && setError(failure),
    )
    // Leaving the page leaves the session (the balance counts who is here now); coming back to
    // the tab, or from the back-forward cache, joins again. `closing`: the server waits a few
    // seconds, so a reload (which closes the page and comes straight back) is no leave at all.
    const leave = () =>
      void sendCommand(
        sessionId,
        { type: 'attendance.leave', closing: true },
        { keepalive: true },
      ).catch(() => undefined)
    const rejoin = (event: PageTransitionEvent) => {
      if (event.persisted)
        sendCommand(sessionId, { type: 'attendance.join' }).catch(() => undefined)
    }
    window.addEventListener('pagehide', leave)
    window.addEventListener('pageshow', rejoin)
    return () => {
      current = false
      window.removeEventListener('pagehide', leave)
      window.removeEventListener('pageshow', rejoin)
      leave()
    }
  }, [sessionId])

  const room = session?.room
  useEffect(() => {
    if (!room) return
    // The room's state is always the newest: the server writes it after every command.
    return openSessionRoom({
      room,
      onState: setLive,
      onPolls: setPolls,
      onConnected: setConnected,
      onRefused: setRefused,
    })
  }, [room])

  if (error !== undefined) return { state: 'failed', error }
  if (!session || !live) return { state: 'loading' }
  return { state: 'ready', session, live, polls, connected, refused }
}
