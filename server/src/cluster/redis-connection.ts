import { createRequire } from 'node:module'
import type { Redis, RedisOptions } from 'ioredis'
import type { Config } from '../config.js'
import type { Logger } from '../observability/logger.js'

// ioredis loads on the first connection: a server without REDIS_URL (the default) never needs
// it, and it would cost every such server several megabytes of memory for nothing.
const requireLazily = createRequire(import.meta.url)
const redisClass = (): typeof Redis => (requireLazily('ioredis') as typeof import('ioredis')).Redis

/** What a connection is for: a subscriber connection can do nothing but listen. */
export const RedisRole = { commands: 'commands', subscriber: 'subscriber' } as const
export type RedisRole = (typeof RedisRole)[keyof typeof RedisRole]

/**
 * A connection to the cluster's Redis. Keys carry REDIS_PREFIX (ioredis adds it to every key;
 * channel names must be prefixed by hand with `channel`), so several clusters, or test suites,
 * can share one Redis. It reconnects by itself; errors are logged, not thrown at the process.
 */
export const openRedis = (
  config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'NODE_ID'>,
  role: RedisRole,
  logger: Logger,
  /** What a caller needs beyond the defaults (e.g. resubscribing itself). */
  options: RedisOptions = {},
): Redis => {
  if (!config.REDIS_URL) throw new Error('openRedis needs REDIS_URL')
  const redis = new (redisClass())(config.REDIS_URL, {
    keyPrefix: config.REDIS_PREFIX,
    connectionName: `mufakat-${config.NODE_ID}-${role}`,
    // Commands wait for a reconnect instead of failing at once; a caller decides what a
    // failure means (a limit fails closed, a relay falls back to catching up from the store).
    maxRetriesPerRequest: 3,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    ...options,
  })
  redis.on('error', (error: Error) => logger.warn({ err: error, role }, 'redis connection error'))
  return redis
}

/** A pub/sub channel name under the cluster's prefix (ioredis does not prefix channels). */
export const channel = (config: Pick<Config, 'REDIS_PREFIX'>, name: string): string =>
  `${config.REDIS_PREFIX}${name}`

/**
 * Ends a connection: politely (QUIT, after what is queued) when Redis is there, at once when it
 * is not — a QUIT queued on a connection that cannot reach Redis would wait for it, and a node
 * shutting down while Redis is away would never finish.
 */
export const closeRedis = async (redis: Redis): Promise<void> => {
  if (redis.status !== 'ready') {
    redis.disconnect()
    return
  }
  await redis.quit().catch(() => redis.disconnect())
}
