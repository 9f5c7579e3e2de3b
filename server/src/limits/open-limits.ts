import { closeRedis, openRedis, RedisRole } from '../cluster/redis-connection.js'
import type { Config } from '../config.js'
import type { Logger } from '../observability/logger.js'
import { memoryAddressSockets, memoryRequestWindows } from './memory-limits.js'
import type { AddressSockets, RequestWindows } from './ports.js'
import { redisAddressSockets, redisRequestWindows } from './redis-limits.js'

export interface Limits {
  requestWindows: RequestWindows
  addressSockets: AddressSockets
  /** After the sockets have closed: lets go of Redis. */
  close(): Promise<void>
}

/**
 * How long a node that stopped beating (killed, cut off) keeps its sockets counted: long enough
 * to ride out a slow turn, short enough that its clients, reconnecting elsewhere, are not refused.
 */
const nodeAliveMs = 15_000

/** This process's counts on one node; the cluster's Redis when REDIS_URL is set. */
export const openLimits = (
  config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'NODE_ID'>,
  logger: Logger,
): Limits => {
  if (!config.REDIS_URL) {
    return {
      requestWindows: memoryRequestWindows(),
      addressSockets: memoryAddressSockets(),
      close: async () => undefined,
    }
  }
  const redis = openRedis(config, RedisRole.commands, logger)
  return {
    requestWindows: redisRequestWindows(redis, logger),
    addressSockets: redisAddressSockets(redis, logger, {
      nodeId: config.NODE_ID,
      aliveMs: nodeAliveMs,
    }),
    close: async () => {
      await closeRedis(redis)
    },
  }
}
