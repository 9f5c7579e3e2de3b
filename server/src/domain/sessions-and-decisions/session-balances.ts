import type { Session, SessionState } from '../../../../shared/src/schema/session.js'
import {
  type SessionBalanceSummary,
  type SessionEdits,
  sessionBalanceInput,
  sessionEndedAt,
} from '../../../../shared/src/schema/session-balance.js'
import { mapInOrder } from '../in-order.js'
import type { LiveRooms, Stores } from '../ports.js'
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
  async edits(workspaceId: string, sessionId: string): Promise<SessionEdits> {
    const { session, state } = await this.sessions.get(workspaceId, sessionId)
    // Edits are counted as they commit: what rooms hold is committed first.
    await this.live.commitPending()
    return await this.#edits(session, state)
  }

  /** Every session of the workspace with what its balance is computed from, oldest first. */
  async ofWorkspace(workspaceId: string): Promise<SessionBalanceSummary[]> {
    await this.live.commitPending()
    return await mapInOrder(await this.stores.sessions.list(workspaceId), async (summary) => {
      const { session, state } = await this.sessions.get(workspaceId, summary.id)
      const { edits } = await this.#edits(session, state)
      return {
        sessionId: session.id,
        title: session.title,
        createdAt: session.createdAt,
        status: state.status,
        input: sessionBalanceInput(state, edits, { live: false }),
      }
    })
  }

  async #edits(session: Session, state: SessionState): Promise<SessionEdits> {
    const to = sessionEndedAt(state) ?? new Date().toISOString()
    return {
      edits: await this.stores.activity.editsByGroup(
        session.workspaceId,
        Date.parse(session.createdAt),
        Date.parse(to),
      ),
      from: session.createdAt,
      to,
    }
  }
}
