import type { RoomAccess } from '../client/light-client.js'
import type { RunningTarget, TargetDefinition } from './target.js'

/** How many nodes a cluster target runs: what the issue asks S7 and S8 to spread over. */
export const CLUSTER_NODES = 3

/**
 * Several running processes seen as one target: node 0 answers for `port`, `pid` and
 * provisioning (rooms made there are reachable on every node, which share a store or a
 * Redis); CPU and rooms add up over nodes. `release` frees what the cluster shared (a
 * database, a Redis prefix) once every node has stopped.
 */
export const joinNodes = (
  definition: TargetDefinition,
  nodes: readonly RunningTarget[],
  release: () => Promise<void>,
): RunningTarget => {
  const first = nodes[0]
  if (first === undefined) throw new Error(`${definition.name}: a cluster needs a node`)
  return {
    definition,
    get pid() {
      return first.pid
    },
    port: first.port,
    nodePorts: nodes.map((node) => node.port),
    pids: () => nodes.map((node) => node.pid),
    inspectPort: null,
    provision: (rooms) => first.provision(rooms),
    cpuSeconds: () => nodes.reduce((sum, node) => sum + node.cpuSeconds(), 0),
    roomsLoaded: async () => {
      const counts = await Promise.all(nodes.map((node) => node.roomsLoaded()))
      return counts.some((c) => c === null)
        ? null
        : counts.reduce<number>((sum, c) => sum + (c ?? 0), 0)
    },
    restart: async () => {
      for (const node of nodes) await node.restart()
    },
    stop: async () => {
      await Promise.all(nodes.map((node) => node.stop()))
      await release()
    },
  }
}

/**
 * Starts `count` nodes one after another (the first migrates a shared database, the
 * others find it done); stops those already up when one fails.
 */
export const startNodes = async (
  count: number,
  start: (index: number) => Promise<RunningTarget>,
): Promise<RunningTarget[]> => {
  const nodes: RunningTarget[] = []
  try {
    for (let index = 0; index < count; index += 1) nodes.push(await start(index))
    return nodes
  } catch (error) {
    await Promise.all(nodes.map((node) => node.stop()))
    throw error
  }
}

/** The same room reached through node `node` of a cluster (node 0 for one process). */
export const onNode = (target: RunningTarget, access: RoomAccess, node: number): RoomAccess => {
  const ports = target.nodePorts ?? [target.port]
  const port = ports[node % ports.length] ?? target.port
  const url = new URL(access.url)
  url.port = String(port)
  return { ...access, url: url.toString() }
}

/** How many nodes a running target has (1 for one process). */
export const nodeCount = (target: RunningTarget): number => target.nodePorts?.length ?? 1
