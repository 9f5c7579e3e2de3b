import { hocuspocusMemory, hocuspocusRedis, hocuspocusSqlite } from './hocuspocus.js'
import { mufakatFull, mufakatNormal, mufakatPostgres } from './mufakat.js'
import { mufakatCluster } from './mufakat-cluster.js'
import { reference } from './reference.js'
import { relay } from './relay.js'
import type { TargetDefinition } from './target.js'

/** Every target, in the order tables list them. Mufakat (full) first: it is the subject. */
export const ALL_TARGETS: readonly TargetDefinition[] = [
  mufakatFull,
  mufakatNormal,
  mufakatPostgres,
  reference,
  hocuspocusMemory,
  hocuspocusSqlite,
  relay,
  mufakatCluster,
  hocuspocusRedis,
]

export const SUBJECT = mufakatFull.name
/** The subject of the cluster scenarios (S7, S8), and its one peer there. */
export const CLUSTER_SUBJECT = mufakatCluster.name
export const CLUSTER_PEER = hocuspocusRedis.name

/** Cluster targets run the cluster scenarios only, and those run on cluster targets only. */
export const isCluster = (target: TargetDefinition): boolean => (target.nodes ?? 1) > 1
export const CEILING = relay.name

export const findTargets = (names: readonly string[]): TargetDefinition[] =>
  names.map((name) => {
    const target = ALL_TARGETS.find((t) => t.name === name)
    if (target === undefined) {
      throw new Error(`unknown target ${name}; known: ${ALL_TARGETS.map((t) => t.name).join(', ')}`)
    }
    return target
  })
