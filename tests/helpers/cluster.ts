import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { Redis } from 'ioredis'
import {
  createTestDatabase,
  describeWithPostgres,
  postgresProblem,
  type TestDatabase,
} from './postgres.js'
import { describeWithRedis, freshRedisPrefix, redisUrl } from './redis.js'
import { makeDataDir, startServer, type TestServer } from './server.js'
import { waitFor } from './wait.js'

/**
 * Several server processes on one PostgreSQL database and one Redis, as identical nodes behind
 * a balancer would run: each on its own port, under a Redis key prefix of this cluster alone,
 * sharing the data directory (which holds the log signing key every node must sign with).
 */
export interface TestCluster {
  nodes: TestServer[]
  database: TestDatabase
  prefix: string
  /** Starts node `index` (again, after a kill), on a new port. */
  start(index: number): Promise<TestServer>
  /** Stops every node still running and drops the database. */
  close(): Promise<void>
}

export const nodeId = (index: number): string => `node-${index}`

export const startCluster = async (
  count: number,
  options: {
    redis?: string
    env?: Record<string, string>
    /** What one node has of its own (a fault, its own way to Redis), over `env`. */
    nodeEnv?: (index: number) => Record<string, string>
  } = {},
): Promise<TestCluster> => {
  const database = await createTestDatabase()
  const prefix = freshRedisPrefix()
  const dataDir = makeDataDir()
  const nodes: TestServer[] = []
  const start = async (index: number): Promise<TestServer> => {
    const node = await startServer({
      dataDir,
      env: {
        DATABASE_URL: database.url,
        REDIS_URL: options.redis ?? redisUrl,
        REDIS_PREFIX: prefix,
        NODE_ID: nodeId(index),
        ...options.env,
        ...options.nodeEnv?.(index),
      },
    })
    nodes[index] = node
    return node
  }
  // One after another: the first migrates the database, the others find it done.
  for (let index = 0; index < count; index++) await start(index)
  return {
    nodes,
    database,
    prefix,
    start,
    close: async () => {
      await Promise.all(nodes.map((node) => node.stop('SIGKILL')))
      await database.drop()
    },
  }
}

/** The Redis connections a node holds for `role` (see cluster/redis-connection.ts). */
export const killRedisConnections = async (
  url: string,
  node: string,
  role: 'subscriber' | 'commands',
): Promise<number> => {
  const admin = new Redis(url, { maxRetriesPerRequest: 1 })
  try {
    const list = (await admin.client('LIST')) as string
    const ids = list
      .split('\n')
      .filter((line) => line.includes(` name=mufakat-${node}-${role} `))
      .map((line) => /id=(\d+)/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined)
    for (const id of ids) await admin.client('KILL', 'ID', id)
    return ids.length
  } finally {
    admin.disconnect()
  }
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

/** A Redis of a test's own (to stop and start again), on a free port, keeping nothing on disk. */
export interface OwnRedis {
  url: string
  start(): Promise<void>
  kill(): Promise<void>
}

export const ownRedis = async (): Promise<OwnRedis> => {
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let child: ChildProcess | undefined
  const ping = async (): Promise<boolean> => {
    const probe = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    })
    probe.on('error', () => undefined)
    try {
      await probe.connect()
      return (await probe.ping()) === 'PONG'
    } catch {
      return false
    } finally {
      probe.disconnect()
    }
  }
  const own: OwnRedis = {
    url,
    start: async () => {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      )
      process.once('exit', () => child?.kill('SIGKILL'))
      await waitFor(ping, 'the test Redis to answer', 10_000)
    },
    kill: async () => {
      const running = child
      if (!running || running.exitCode !== null) return
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGKILL')
      await exited
    },
  }
  await own.start()
  return own
}

/**
 * A describe block for several nodes, which need PostgreSQL and Redis both: skipped (or failing,
 * where .ci/run requires them) through whichever of the two is missing.
 */
export const describeWithCluster = async (name: string, body: () => void): Promise<void> =>
  (await postgresProblem()) ? describeWithPostgres(name, body) : describeWithRedis(name, body)
