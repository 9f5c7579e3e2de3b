import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { describe } from 'vitest'

/**
 * Redis for tests: the server at TEST_REDIS_URL, each suite under a key prefix of its own so
 * suites never see each other's keys or channels. When it is not reachable the Redis half of a
 * suite is skipped and says so, unless MUFAKAT_REQUIRE_REDIS=1 (.ci/run sets it): then it fails.
 */
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const required = process.env.MUFAKAT_REQUIRE_REDIS === '1'

let reachable: Promise<string | undefined> | undefined

/** Undefined when Redis answers; otherwise why not, in one sentence. */
export const redisProblem = (): Promise<string | undefined> => {
  reachable ??= (async () => {
    const client = new Redis(redisUrl, {
      lazyConnect: true,
      connectTimeout: 3000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    })
    try {
      await client.connect()
      await client.ping()
      return undefined
    } catch (error: unknown) {
      return `Redis is not reachable at ${redisUrl}: ${String(error)}`
    } finally {
      client.disconnect()
    }
  })()
  return reachable
}

/** A prefix no other suite uses, for a cluster's keys and channels. */
export const freshRedisPrefix = (): string => `mufakat-test-${randomBytes(6).toString('hex')}:`

/**
 * A describe block that needs Redis: skipped with a plain note when it is not reachable,
 * failing instead when MUFAKAT_REQUIRE_REDIS=1.
 */
export const describeWithRedis = async (name: string, body: () => void): Promise<void> => {
  const problem = await redisProblem()
  if (problem && required) throw new Error(`${problem} (MUFAKAT_REQUIRE_REDIS=1)`)
  if (problem) {
    process.stderr.write(`\n${name}: SKIPPED, ${problem}\n`)
    describe.skip(`${name} (skipped: Redis not reachable)`, body)
    return
  }
  describe(name, body)
}
