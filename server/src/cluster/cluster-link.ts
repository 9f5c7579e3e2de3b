import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { Config } from '../config.js'
import type { Logger } from '../observability/logger.js'
import { channel, closeRedis, openRedis, RedisRole } from './redis-connection.js'

type Listener = (message: string) => void

/**
 * This node's link to the others through Redis pub/sub: one connection that publishes, one
 * that listens. Pub/sub keeps nothing for a node that is not listening, so what must not be lost
 * travels through the storage, and the link only says "something happened": whenever either
 * connection comes back after a drop, `onRestored` listeners hear that messages may be lost.
 */
export class ClusterLink {
  /** Tells this process's messages from the others' (NODE_ID may be shared by mistake). */
  readonly node: string
  readonly #commands: Redis
  readonly #subscriber: Redis
  readonly #listeners = new Map<string, Listener>()
  readonly #restored: (() => void)[] = []
  #closed = false

  constructor(
    private readonly config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'NODE_ID'>,
    private readonly logger: Logger,
  ) {
    this.node = `${config.NODE_ID}/${randomUUID()}`
    this.#commands = openRedis(config, RedisRole.commands, logger)
    // Channels are subscribed again by hand on a reconnect, then the rooms catch up.
    this.#subscriber = openRedis(config, RedisRole.subscriber, logger, { autoResubscribe: false })
    this.#subscriber.on('message', (name: string, message: string) => {
      this.#listeners.get(name)?.(message)
    })
    this.#onReconnect(this.#commands, () => this.#linkRestored())
    this.#onReconnect(this.#subscriber, async () => {
      const names = [...this.#listeners.keys()]
      if (names.length > 0) await this.#subscriber.subscribe(...names)
      this.#linkRestored()
    })
  }

  /** Hears `name` (under the cluster's prefix) from when the promise resolves. */
  async listen(name: string, listener: Listener): Promise<void> {
    const full = channel(this.config, name)
    this.#listeners.set(full, listener)
    try {
      await this.#subscriber.subscribe(full)
    } catch (error) {
      // Subscribed again once Redis is back, and the room then catches up from the storage.
      this.logger.warn({ err: error, channel: name }, 'subscribing failed; retried on reconnect')
    }
  }

  stopListening(name: string): void {
    const full = channel(this.config, name)
    if (!this.#listeners.delete(full)) return
    this.#subscriber.unsubscribe(full).catch(() => undefined)
  }

  /** Sends to every node listening; lost messages are read back from the storage, so no retry. */
  publish(name: string, message: string): void {
    this.#commands.publish(channel(this.config, name), message).catch((error: unknown) => {
      this.logger.warn({ err: error, channel: name }, 'publishing failed')
    })
  }

  /** How many connections (nodes) listen to `name`, this one included. */
  async listeners(name: string): Promise<number> {
    const answer = (await this.#commands.pubsub('NUMSUB', channel(this.config, name))) as [
      string,
      number,
    ]
    return Number(answer[1] ?? 0)
  }

  isListening(name: string): boolean {
    return this.#listeners.has(channel(this.config, name))
  }

  onRestored(listener: () => void): void {
    this.#restored.push(listener)
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#listeners.clear()
    await Promise.all([closeRedis(this.#commands), closeRedis(this.#subscriber)])
  }

  #linkRestored(): void {
    if (this.#closed) return
    this.logger.warn({ node: this.node }, 'link to the cluster restored: catching up from storage')
    for (const listener of this.#restored) listener()
  }

  /** Runs `restored` each time `redis` is ready again after its first connection dropped. */
  #onReconnect(redis: Redis, restored: () => unknown): void {
    let dropped = false
    redis.on('close', () => {
      dropped = true
    })
    redis.on('ready', () => {
      if (!dropped || this.#closed) return
      dropped = false
      Promise.resolve(restored()).catch((error: unknown) =>
        this.logger.warn({ err: error }, 'restoring the cluster link failed'),
      )
    })
  }
}
