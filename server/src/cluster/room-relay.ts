import { z } from 'zod'
import type { Logger } from '../observability/logger.js'
import type { RelayedAwareness, RelayedCommit, RoomListener, RoomRelay } from '../sync/ports.js'
import type { ClusterLink } from './cluster-link.js'
import { readClusterMessage } from './cluster-message.js'

/** What the nodes say to each other about a room (server to server only, never a client). */
const RoomMessageKind = {
  commit: 'commit',
  awareness: 'awareness',
  presenceWanted: 'presence-wanted',
  head: 'head',
} as const

const owners = z.array(z.tuple([z.number().int().nonnegative(), z.string()]))

const roomMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal(RoomMessageKind.commit),
    from: z.string(),
    origin: z.string(),
    seq: z.number().int().positive(),
    update: z.base64(),
    writers: owners,
  }),
  z.object({
    kind: z.literal(RoomMessageKind.awareness),
    from: z.string(),
    update: z.base64(),
    owners,
  }),
  z.object({ kind: z.literal(RoomMessageKind.presenceWanted), from: z.string() }),
  z.object({
    kind: z.literal(RoomMessageKind.head),
    from: z.string(),
    origin: z.string(),
    seq: z.number().int(),
  }),
])
type RoomMessage = z.infer<typeof roomMessage>

const base64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'))

const roomChannel = (room: string): string => `room:${room}`

/**
 * The sync core's relay over Redis pub/sub: one channel per room, heard while the room is
 * loaded here. Commits arrive only after they are stored, numbered, so a missed one is read back
 * from the storage (the sync core does that); nothing here needs to be delivered for sure.
 */
export class RedisRoomRelay implements RoomRelay {
  constructor(
    private readonly link: ClusterLink,
    private readonly logger: Logger,
  ) {}

  async join(room: string, listener: RoomListener): Promise<void> {
    await this.link.listen(roomChannel(room), (text) => this.#heard(room, listener, text))
  }

  leave(room: string): void {
    this.link.stopListening(roomChannel(room))
  }

  commit(room: string, { origin, seq, update, writers }: RelayedCommit): void {
    this.#send(room, {
      kind: RoomMessageKind.commit,
      from: this.link.node,
      origin,
      seq,
      update: base64(update),
      writers: writers.map(([client, principal]) => [client, principal]),
    })
  }

  awareness(room: string, change: RelayedAwareness): void {
    this.#send(room, {
      kind: RoomMessageKind.awareness,
      from: this.link.node,
      update: base64(change.update),
      owners: change.owners.map(([client, principal]) => [client, principal]),
    })
  }

  askPresence(room: string): void {
    this.#send(room, { kind: RoomMessageKind.presenceWanted, from: this.link.node })
  }

  head(room: string, origin: string, seq: number): void {
    this.#send(room, { kind: RoomMessageKind.head, from: this.link.node, origin, seq })
  }

  async heldElsewhere(room: string): Promise<boolean> {
    try {
      const listening = await this.link.listeners(roomChannel(room))
      return listening > (this.link.isListening(roomChannel(room)) ? 1 : 0)
    } catch (error) {
      this.logger.warn({ err: error, room }, 'could not ask which nodes hold the room')
      return false
    }
  }

  onLinkRestored(listener: () => void): void {
    this.link.onRestored(listener)
  }

  #send(room: string, message: RoomMessage): void {
    this.link.publish(roomChannel(room), JSON.stringify(message))
  }

  #heard(room: string, listener: RoomListener, text: string): void {
    const message = readClusterMessage(roomMessage, text)
    if (!message) {
      this.logger.warn({ room }, 'unreadable message from another node dropped')
      return
    }
    if (message.from === this.link.node) return
    switch (message.kind) {
      case RoomMessageKind.commit:
        listener.commit({
          origin: message.origin,
          seq: message.seq,
          update: fromBase64(message.update),
          writers: message.writers,
        })
        return
      case RoomMessageKind.awareness:
        listener.awareness({ update: fromBase64(message.update), owners: message.owners })
        return
      case RoomMessageKind.presenceWanted:
        listener.presenceWanted()
        return
      case RoomMessageKind.head:
        listener.head(message.origin, message.seq)
        return
      default: {
        const unknown: never = message
        throw new Error(`unhandled room message ${JSON.stringify(unknown)}`)
      }
    }
  }
}
