import { Crowd, type Member } from '../client/crowd.js'
import { startMeter } from '../lib/meter.js'
import { pace } from '../lib/pace.js'
import { nodeCount, onNode } from '../targets/cluster-target.js'
import { deliveryMetrics, LATENCY_COLUMNS, RESOURCE_COLUMNS } from './delivery-metrics.js'
import type { Scenario } from './scenario.js'

/**
 * Several rooms, each with writers and receivers on every node: the writers' updates must
 * reach every other client of their room, on whichever node, and the figure is the token
 * deliveries per second the whole cluster achieved under a fixed offered load (with p99
 * and losses, so "kept up" and "how fast" read together).
 */
export const s8ClusterThroughput: Scenario = {
  id: 'S8',
  title: 'Cluster throughput: R rooms, writers and receivers spread over the nodes',
  variants: (sizes) => [
    {
      label: `R=${sizes.s8.rooms}`,
      params: { rooms: sizes.s8.rooms },
    },
  ],
  appliesTo: () => true,
  cluster: true,
  inspect: false,
  env: () => ({}),
  columns: [...LATENCY_COLUMNS, ...RESOURCE_COLUMNS],
  run: async (target, variant, sizes) => {
    const { writersPerRoom, receiversPerRoom, ratePerWriter, durationMs } = sizes.s8
    const rooms = variant.params.rooms ?? 0
    const nodes = nodeCount(target)
    const crowd = new Crowd(target)
    const access = await crowd.rooms('s8', rooms)
    const writing: Member[] = []
    access.forEach((room, index) => {
      // Room r's first writer sits on node r mod nodes, so every node writes into some room.
      for (let w = 0; w < writersPerRoom; w += 1)
        writing.push(crowd.add(index, onNode(target, room, index + w), 'measuring-writer'))
      for (let r = 0; r < receiversPerRoom; r += 1)
        crowd.add(index, onNode(target, room, index + writersPerRoom + r), 'measure')
    })
    const meter = startMeter(target)
    await crowd.connectAll(60_000)
    const intervalMs = 1000 / (ratePerWriter * writing.length)
    const events = Math.round((durationMs / 1000) * ratePerWriter * writing.length)
    await pace(events, intervalMs, (i) => {
      const member = writing[i % writing.length]
      if (member !== undefined) crowd.write(member)
    })
    await crowd.drain(5000)
    const reading = meter.stop()
    const totals = crowd.ledger.totals()
    await crowd.closeAll()
    return {
      metrics: {
        ...deliveryMetrics(totals, durationMs, reading),
        offeredUpdatesPerSec: 1000 / intervalMs,
        nodes,
        unexpectedCloses: crowd.unexpectedCloses(),
        fragments: crowd.scanner.fragments,
      },
      notes: [],
    }
  },
}
