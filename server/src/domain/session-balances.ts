import type { Session, SessionState } from '../../../shared/src/schema/session.js'
import {
  type SessionBalanceSummary,
  type SessionEdits,
  sessionBalanceInput,
  sessionEndedAt,
} from '../../../shared/src/schema/session-balance.js'
import type { LiveRooms, Stores } from './ports.js'
import type { Sessions } from './sessions.js'

/**
 * The balance of voice beyond what a session's state counts: plan text edited while it ran, by
 * the writers' groups at the time, and every session's balance for the workspace view.
 */
export class SessionBalances {
  constructor(
    private readonly stores: Stores,
    private readonly live: LiveRooms,
    private readonly sessions: Sessions,
  ) {}

  /** Plan edits in the session's workspace from its start to its end, or to now. */
  edits(workspaceId: string, sessionId: string): SessionEdits {
    const { session, state } = this.sessions.get(workspaceId, sessionId)
    // Edits are counted as they commit: what rooms hold is committed first.
    this.live.commitPending()
    return this.#edits(session, state)
  }

  /** Every session of the workspace with what its balance is computed from, oldest first. */
  ofWorkspace(workspaceId: string): SessionBalanceSummary[] {
    this.live.commitPending()
    return this.stores.sessions.list(workspaceId).map((summary) => {
      const { session, state } = this.sessions.get(workspaceId, summary.id)
      return {
        sessionId: session.id,
        title: session.title,
        createdAt: session.createdAt,
        status: state.status,
        input: sessionBalanceInput(state, this.#edits(session, state).edits, { live: false }),
      }
    })
  }

  #edits(session: Session, state: SessionState): SessionEdits {
    const to = sessionEndedAt(state) ?? new Date().toISOString()
    return {
      edits: this.stores.activity.editsByGroup(
        session.workspaceId,
        Date.parse(session.createdAt),
        Date.parse(to),
      ),
      from: session.createdAt,
      to,
    }
  }
}
