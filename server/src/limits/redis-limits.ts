import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { Logger } from '../observability/logger.js'
import { type AddressSockets, LimitUnavailable, type RequestWindows, type Taken } from './ports.js'

/*
 * Every script runs atomically in Redis, so nodes taking from one allowance at once cannot both
 * see room for one more. Keys are passed as KEYS (ioredis puts REDIS_PREFIX before them); time
 * is Redis's own, so nodes whose clocks differ still agree on when a window or a node ends.
 */

/** Takes one from a window, starting it (with an id) when there is none: [1, id] or [0, msLeft]. */
const takeScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'id', ARGV[3], 'count', 1)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1, ARGV[3]}
end
if tonumber(redis.call('HGET', KEYS[1], 'count')) >= tonumber(ARGV[1]) then
  return {0, redis.call('PTTL', KEYS[1])}
end
redis.call('HINCRBY', KEYS[1], 'count', 1)
return {1, redis.call('HGET', KEYS[1], 'id')}`

/** Gives one back to the window it was taken from, if that window still runs. */
const giveBackScript = `
if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then
  redis.call('HINCRBY', KEYS[1], 'count', -1)
end
return 1`

/** Request windows shared by every node on one Redis. */
export const redisRequestWindows = (redis: Redis, logger: Logger): RequestWindows => ({
  take: async (key, limit, windowMs): Promise<Taken> => {
    const windowKey = `limits:requests:${key}`
    let answer: unknown
    try {
      answer = await redis.eval(takeScript, 1, windowKey, limit, windowMs, randomUUID())
    } catch (error) {
      throw new LimitUnavailable(`the shared limits cannot be checked: ${String(error)}`)
    }
    const [taken, value] = answer as [number, string | number]
    if (taken === 0) return { taken: false, retryAfterMs: Math.max(0, Number(value)) }
    return {
      taken: true,
      giveBack: async () => {
        try {
          await redis.eval(giveBackScript, 1, windowKey, String(value))
        } catch (error) {
          // Counted one too many until the window ends: a stricter limit, never a looser one.
          logger.warn({ err: error }, 'a request could not be given back to its shared limit')
        }
      },
    }
  },
})

/**
 * Counts an address's sockets across nodes if it is under `limit`. KEYS[1]: the address's hash of
 * node instance → sockets; KEYS[2]: the sorted set of instances alive, scored by when their last
 * heartbeat runs out. An instance past it died (kill -9, power cut): its sockets are gone with it
 * and stop counting here.
 */
const claimScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[1])
local entries = redis.call('HGETALL', KEYS[1])
local total = 0
for i = 1, #entries, 2 do
  local expires = redis.call('ZSCORE', KEYS[2], entries[i])
  if expires and tonumber(expires) > now then
    total = total + tonumber(entries[i + 1])
  else
    redis.call('HDEL', KEYS[1], entries[i])
  end
end
if total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
return 1`

const releaseScript = `
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1`

/** Keeps an instance alive for another `ARGV[2]` ms, and forgets instances that ran out. */
const heartbeatScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return 1`

const aliveKey = 'limits:sockets-alive'
const socketsKey = (address: string): string => `limits:sockets:${address}`

export interface RedisAddressSocketsOptions {
  /** This node's name; a process gets an instance of its own, so a restart never inherits counts. */
  nodeId: string
  /** How long a node's sockets keep counting after its last heartbeat (it beats 3 times as often). */
  aliveMs: number
}

/** Sockets per address counted by every node together, on one Redis. */
export const redisAddressSockets = (
  redis: Redis,
  logger: Logger,
  options: RedisAddressSocketsOptions,
): AddressSockets => {
  const instance = `${options.nodeId}/${randomUUID()}`
  // This node's own sockets, so its share can be written back whole after Redis lost it.
  const held = new Map<string, number>()
  // Addresses whose release did not reach Redis: their share there is stale until written back.
  const unreleased = new Set<string>()
  const beat = async (): Promise<void> => {
    try {
      await redis.eval(heartbeatScript, 1, aliveKey, instance, options.aliveMs)
    } catch (error) {
      logger.warn({ err: error }, 'the shared socket count heartbeat failed')
    }
  }
  // After a Redis restart (or a release that could not reach it), this node's share is set to
  // what it really holds.
  const restore = async (): Promise<void> => {
    await beat()
    for (const [address, count] of held) {
      await redis.hset(socketsKey(address), instance, count).catch(() => undefined)
    }
    // An address whose sockets all closed meanwhile holds none here: its stale share goes, or
    // it stays counted as long as this node lives and that address is refused for good.
    for (const address of unreleased) {
      if (held.has(address)) unreleased.delete(address)
      else
        await redis
          .hdel(socketsKey(address), instance)
          .then(() => unreleased.delete(address))
          .catch(() => undefined)
    }
  }
  redis.on('ready', () => void restore())
  const heartbeat = setInterval(() => void beat(), Math.max(100, Math.floor(options.aliveMs / 3)))
  heartbeat.unref()
  return {
    claim: async (address, limit) => {
      let claimed: unknown
      try {
        // Written off here too, not only when the connection reports ready again: that
        // write-off may itself have failed (the link still settling), and a stale share must
        // never refuse the address it belonged to.
        if (unreleased.has(address) && !held.has(address)) {
          await redis.hdel(socketsKey(address), instance)
          unreleased.delete(address)
        }
        claimed = await redis.eval(
          claimScript,
          2,
          socketsKey(address),
          aliveKey,
          instance,
          limit,
          options.aliveMs,
        )
      } catch (error) {
        throw new LimitUnavailable(`the shared socket count cannot be checked: ${String(error)}`)
      }
      if (claimed !== 1) return false
      held.set(address, (held.get(address) ?? 0) + 1)
      return true
    },
    release: (address) => {
      const left = (held.get(address) ?? 1) - 1
      if (left > 0) held.set(address, left)
      else held.delete(address)
      redis.eval(releaseScript, 1, socketsKey(address), instance).catch((error: unknown) => {
        unreleased.add(address)
        logger.warn({ err: error }, 'a socket could not be released from the shared count')
      })
    },
    close: async () => {
      clearInterval(heartbeat)
      // Its sockets are closed by now: they stop counting at once, not when the heartbeat ends.
      await redis.zrem(aliveKey, instance).catch(() => undefined)
    },
  }
}
