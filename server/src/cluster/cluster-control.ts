import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Logger } from '../observability/logger.js'
import type { ClusterLink } from './cluster-link.js'
import { readClusterMessage } from './cluster-message.js'

/**
 * What one node tells every other (server to server only): sockets it must close, and a
 * flush barrier: "commit what you hold" and the answer "done".
 */
const ControlKind = {
  disconnect: 'disconnect',
  closeRooms: 'close-rooms',
  flush: 'flush',
  flushed: 'flushed',
} as const

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
  z.object({ kind: z.literal(ControlKind.flush), from: z.string(), id: z.string() }),
  z.object({
    kind: z.literal(ControlKind.flushed),
    from: z.string(),
    to: z.string(),
    id: z.string(),
  }),
])
type ControlMessage = z.infer<typeof controlMessage>

/** What a node does on another's word: the same as on its own (see LiveRooms). */
export interface ControlTarget {
  disconnect(principal: string, code: number, reason: string): void
  closeRooms(rooms: readonly string[], code: number, reason: string): Promise<void>
  /** Commits whatever this node's rooms hold uncommitted; resolves once it is stored. */
  commitPending(): Promise<void>
}

/** A flush this node asked for: the answers still owed, and who waits for them. */
interface FlushWait {
  owed: number
  done: () => void
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
  readonly #flushes = new Map<string, FlushWait>()

  constructor(
    private readonly link: ClusterLink,
    private readonly logger: Logger,
    /** How long a flush waits for the other nodes' answers before going on without them. */
    private readonly flushTimeoutMs: number,
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

  /**
   * Asks every other node to commit what its rooms hold and waits for their answers: after it,
   * the store holds every update any node had taken before the call (a client's keystroke on
   * another node is in a version saved here). A node that does not answer in time (paused, its
   * link down) is waited for no longer; that is logged, and the caller goes on.
   */
  async flushOthers(): Promise<void> {
    let owed: number
    try {
      owed = (await this.link.listeners(controlChannel)) - 1
    } catch (error) {
      this.logger.warn({ err: error }, 'could not count the other nodes; not flushing them')
      return
    }
    if (owed <= 0) return
    const id = randomUUID()
    let timer: NodeJS.Timeout | undefined
    const answered = new Promise<boolean>((resolve) => {
      this.#flushes.set(id, { owed, done: () => resolve(true) })
      timer = setTimeout(() => resolve(false), this.flushTimeoutMs)
    })
    this.#send({ kind: ControlKind.flush, from: this.link.node, id })
    const complete = await answered
    clearTimeout(timer)
    const left = this.#flushes.get(id)?.owed ?? 0
    this.#flushes.delete(id)
    if (!complete)
      this.logger.warn(
        { missing: left, timeoutMs: this.flushTimeoutMs },
        'some nodes did not answer a flush in time; going on without them',
      )
  }

  #flushFor(target: ControlTarget, from: string, id: string): void {
    target.commitPending().then(
      () => this.#send({ kind: ControlKind.flushed, from: this.link.node, to: from, id }),
      // Not answering is the truth here: the asking node waits, then says it went on without us.
      (error: unknown) => this.logger.error({ err: error }, 'a flush another node asked failed'),
    )
  }

  #flushed(id: string): void {
    const wait = this.#flushes.get(id)
    if (!wait) return
    wait.owed -= 1
    if (wait.owed <= 0) wait.done()
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
      case ControlKind.flush:
        this.#flushFor(target, message.from, message.id)
        return
      case ControlKind.flushed:
        if (message.to === this.link.node) this.#flushed(message.id)
        return
      default: {
        const unknown: never = message
        throw new Error(`unhandled control message ${JSON.stringify(unknown)}`)
      }
    }
  }
}
