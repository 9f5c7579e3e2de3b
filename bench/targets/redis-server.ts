import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'

/** The local Redis the cluster targets share (no auth); MUFAKAT_BENCH_REDIS_URL overrides it. */
export const REDIS_SERVER_URL = process.env.MUFAKAT_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'

const CONNECT_TIMEOUT_MS = 2000

const client = (): Redis =>
  new Redis(REDIS_SERVER_URL, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })

/** Null when Redis answers, else why not (the bench then skips the target). */
export const redisUnavailable = async (): Promise<string | null> => {
  const redis = client()
  // ioredis reports the cause (e.g. ECONNREFUSED) as an event; connect() only says "closed".
  let cause: Error | undefined
  redis.on('error', (error: Error) => {
    cause = error
  })
  try {
    await redis.connect()
    await redis.ping()
    return null
  } catch (error) {
    const reason = cause?.message ?? (error instanceof Error ? error.message : String(error))
    return `Redis is not reachable at ${REDIS_SERVER_URL} (${reason})`
  } finally {
    redis.disconnect()
  }
}

/**
 * A key prefix of one run alone, so two clusters on the same Redis (Mufakat's and
 * Hocuspocus's, or two runs) never hear each other; `drop` deletes what the run left.
 */
export const createRunPrefix = (label: string): { prefix: string; drop: () => Promise<void> } => {
  const prefix = `bench-${label}-${randomBytes(4).toString('hex')}:`
  return {
    prefix,
    drop: async () => {
      const redis = client()
      redis.on('error', () => undefined)
      try {
        await redis.connect()
        let cursor = '0'
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
          cursor = next
          if (keys.length > 0) await redis.del(...keys)
        } while (cursor !== '0')
      } finally {
        redis.disconnect()
      }
    },
  }
}
