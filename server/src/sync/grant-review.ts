import { CloseCode } from '../../../shared/src/protocol/close-code.js'
import type { Connection } from './connection.js'
import type { Authorize, ConnectionRequest, SyncLogger } from './ports.js'
import type { Room } from './room.js'

/**
 * Checks live sockets' grants again, as if each connected now. Closes that other nodes publish
 * (a removal, a role change, a deletion) travel by pub/sub, which keeps nothing for a node whose
 * link is down; so when the link comes back, every socket is authorized afresh and those that
 * lost their grant, or hold a different one, close as they would have on the word.
 */
export class GrantReview {
  readonly #requests = new WeakMap<Connection, ConnectionRequest>()

  constructor(
    private readonly authorize: Authorize,
    private readonly logger: SyncLogger,
  ) {}

  /** The request a connection was authorized on, to authorize it again later. */
  remember(connection: Connection, request: ConnectionRequest): void {
    this.#requests.set(connection, request)
  }

  async review(rooms: readonly Room[]): Promise<void> {
    let closed = 0
    for (const room of rooms) {
      for (const connection of [...room.connections]) {
        const request = this.#requests.get(connection)
        if (!request || connection.closed) continue
        let decision: Awaited<ReturnType<Authorize>>
        try {
          decision = await this.authorize(request)
        } catch (error) {
          // The store is unreachable: the socket keeps its grant until the next review or reconnect.
          this.logger.warn(
            { err: error, room: room.name },
            'could not check a socket’s grant again',
          )
          continue
        }
        if ('refused' in decision) {
          connection.close(decision.refused, decision.reason)
          closed += 1
        } else if (
          decision.permission !== connection.grant.permission ||
          decision.principal !== connection.grant.principal
        ) {
          connection.close(CloseCode.permissionsChanged, 'permissions changed')
          closed += 1
        }
      }
    }
    if (closed > 0)
      this.logger.warn({ closed }, 'sockets whose grant changed while the link was down closed')
  }
}
