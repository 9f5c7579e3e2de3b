import { nodeCount, onNode } from '../targets/cluster-target.js'
import { LATENCY_COLUMNS, RESOURCE_COLUMNS } from './delivery-metrics.js'
import { runFanout } from './fanout-run.js'
import type { Scenario } from './scenario.js'

/**
 * S1 spread over a cluster: the same room, N and load (S1's sizes, so the two compare at
 * the same N), the writers all on node 0 and the receivers dealt round-robin over every
 * node, so two thirds of what is timed crossed Redis from another node.
 */
export const s7CrossNode: Scenario = {
  id: 'S7',
  title: 'Cross-node fan-out: one room, N clients over the nodes, writers on node 0',
  variants: (sizes) => sizes.s1.clients.map((n) => ({ label: `N=${n}`, params: { clients: n } })),
  appliesTo: () => true,
  cluster: true,
  inspect: false,
  env: () => ({}),
  columns: [...LATENCY_COLUMNS, ...RESOURCE_COLUMNS],
  run: async (target, variant, sizes) => {
    const nodes = nodeCount(target)
    const measured = await runFanout(target, variant.params.clients ?? 0, sizes.s1, {
      writer: (room) => onNode(target, room, 0),
      receiver: (room, index) => onNode(target, room, index % nodes),
    })
    return { ...measured, metrics: { ...measured.metrics, nodes } }
  },
}
