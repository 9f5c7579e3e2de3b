import { CLUSTER_NODES, joinNodes, startNodes } from './cluster-target.js'
import { mufakatFull, startMufakat } from './mufakat.js'
import { createRunDatabase, postgresUnavailable } from './postgres-database.js'
import { createRunPrefix, REDIS_SERVER_URL, redisUnavailable } from './redis-server.js'
import type { TargetDefinition } from './target.js'

/**
 * Three Mufakat nodes as a balancer would see them: one fresh PostgreSQL database and one
 * Redis prefix of this run alone, a NODE_ID each, one shared data directory (it holds the
 * log signing key every node signs with).
 */
export const mufakatCluster: TargetDefinition = {
  name: 'mufakat-cluster',
  description: `Mufakat, ${CLUSTER_NODES} nodes, DURABILITY=full, one fresh PostgreSQL database + Redis (a prefix of the run's own)`,
  protocol: 'y-websocket',
  persistent: true,
  nodes: CLUSTER_NODES,
  unloadAfterMs: mufakatFull.unloadAfterMs,
  unavailable: async () => (await postgresUnavailable()) ?? (await redisUnavailable()),
  start: async (options) => {
    const database = await createRunDatabase()
    const redis = createRunPrefix('mufakat')
    const release = async (): Promise<void> => {
      await Promise.all([database.drop(), redis.drop()])
    }
    try {
      const nodes = await startNodes(CLUSTER_NODES, (index) =>
        startMufakat(mufakatCluster, options, 'full', {
          DATABASE_URL: database.url,
          REDIS_URL: REDIS_SERVER_URL,
          REDIS_PREFIX: redis.prefix,
          NODE_ID: `bench-node-${index}`,
        }),
      )
      return joinNodes(mufakatCluster, nodes, release)
    } catch (error) {
      await release()
      throw error
    }
  },
}
