import { z } from 'zod'
import type { Logger } from '../observability/logger.js'
import type { ClusterLink } from './cluster-link.js'
import { readClusterMessage } from './cluster-message.js'

/** What one node tells every other about sockets it must close (server to server only). */
const ControlKind = { disconnect: 'disconnect', closeRooms: 'close-rooms' } as const

const controlMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal(ControlKind.disconnect),
    from: z.string(),
    principal: z.string(),
    code: z.number().int(),
    reason: z.string(),
  }),
  z.object({
    kind: z.literal(ControlKind.closeRooms),
    from: z.string(),
    rooms: z.array(z.string()),
    code: z.number().int(),
    reason: z.string(),
  }),
])
type ControlMessage = z.infer<typeof controlMessage>

/** What a node does on another's word: the same as on its own (see LiveRooms). */
export interface ControlTarget {
  disconnect(principal: string, code: number, reason: string): void
  closeRooms(rooms: readonly string[], code: number, reason: string): Promise<void>
}

const controlChannel = 'control'

/**
 * Socket closes that must happen on every node at once: a participant removed or demoted,
 * someone taken out of a party, a workspace or document deleted. The node that committed the
 * change closes its own sockets and tells the others, which close theirs with the same code.
 * A node that misses the word (its link was down) keeps sockets that the access check would
 * now refuse, until they reconnect; see docs/architecture.md.
 */
export class ClusterControl {
  constructor(
    private readonly link: ClusterLink,
    private readonly logger: Logger,
  ) {}

  async start(target: ControlTarget): Promise<void> {
    await this.link.listen(controlChannel, (text) => this.#heard(target, text))
  }

  disconnect(principal: string, code: number, reason: string): void {
    this.#send({ kind: ControlKind.disconnect, from: this.link.node, principal, code, reason })
  }

  closeRooms(rooms: readonly string[], code: number, reason: string): void {
    this.#send({
      kind: ControlKind.closeRooms,
      from: this.link.node,
      rooms: [...rooms],
      code,
      reason,
    })
  }

  #send(message: ControlMessage): void {
    this.link.publish(controlChannel, JSON.stringify(message))
  }

  #heard(target: ControlTarget, text: string): void {
    const message = readClusterMessage(controlMessage, text)
    if (!message) {
      this.logger.warn({}, 'unreadable control message from another node dropped')
      return
    }
    if (message.from === this.link.node) return
    switch (message.kind) {
      case ControlKind.disconnect:
        target.disconnect(message.principal, message.code, message.reason)
        return
      case ControlKind.closeRooms:
        target.closeRooms(message.rooms, message.code, message.reason).catch((error: unknown) => {
          this.logger.error({ err: error }, 'closing rooms on another node’s word failed')
        })
        return
      default: {
        const unknown: never = message
        throw new Error(`unhandled control message ${JSON.stringify(unknown)}`)
      }
    }
  }
}
