import { join } from 'node:path'
import { CLUSTER_NODES, joinNodes, startNodes } from './cluster-target.js'
import { compileServerScript } from './compile.js'
import { startProcessTarget } from './process-target.js'
import { createRunPrefix, REDIS_SERVER_URL, redisUnavailable } from './redis-server.js'
import type { TargetDefinition } from './target.js'

const hocuspocus = (withSqlite: boolean): TargetDefinition => {
  const definition: TargetDefinition = {
    name: withSqlite ? 'hocuspocus-sqlite' : 'hocuspocus',
    description: withSqlite
      ? '@hocuspocus/server 4.7 + extension-sqlite (store debounced 2 s)'
      : '@hocuspocus/server 4.7, in memory',
    protocol: 'hocuspocus',
    persistent: withSqlite,
    // unloadImmediately (its default): a document goes once its last connection closes.
    unloadAfterMs: () => 0,
    start: (options) =>
      startProcessTarget(definition, options, {
        script: compileServerScript('hocuspocus'),
        env: withSqlite ? { SQLITE_PATH: join(options.dataDir, 'hocuspocus.sqlite') } : {},
        // Hocuspocus answers 200 on any plain HTTP path once listening.
        healthPath: '/healthz',
        roomsMetric: 'bench_rooms_loaded',
        roomUrl: (port) => `ws://127.0.0.1:${port}/`,
        documentName: (room) => room,
      }),
  }
  return definition
}

export const hocuspocusMemory = hocuspocus(false)
export const hocuspocusSqlite = hocuspocus(true)

/**
 * Three Hocuspocus processes in memory with @hocuspocus/extension-redis on the same Redis
 * as Mufakat's cluster, under a prefix of the run's own: Hocuspocus's own way to scale out.
 */
export const hocuspocusRedis: TargetDefinition = {
  name: 'hocuspocus-redis',
  description: `@hocuspocus/server 4.7, ${CLUSTER_NODES} instances in memory + extension-redis 4.7 (same Redis, a prefix of the run's own)`,
  protocol: 'hocuspocus',
  persistent: false,
  nodes: CLUSTER_NODES,
  unloadAfterMs: () => 0,
  unavailable: redisUnavailable,
  start: async (options) => {
    const redis = createRunPrefix('hocuspocus')
    try {
      const nodes = await startNodes(CLUSTER_NODES, (index) =>
        startProcessTarget(hocuspocusRedis, options, {
          script: compileServerScript('hocuspocus'),
          env: {
            REDIS_URL: REDIS_SERVER_URL,
            REDIS_PREFIX: redis.prefix,
            NODE_ID: `bench-${index}`,
          },
          healthPath: '/healthz',
          roomsMetric: 'bench_rooms_loaded',
          roomUrl: (port) => `ws://127.0.0.1:${port}/`,
          documentName: (room) => room,
        }),
      )
      return joinNodes(hocuspocusRedis, nodes, redis.drop)
    } catch (error) {
      await redis.drop()
      throw error
    }
  },
}
