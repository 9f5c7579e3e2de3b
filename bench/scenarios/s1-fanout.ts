import { Crowd } from '../client/crowd.js'
import { startMeter } from '../lib/meter.js'
import { pace } from '../lib/pace.js'
import { summarizeLatencies } from '../lib/stats.js'
import { deliveryMetrics, LATENCY_COLUMNS, RESOURCE_COLUMNS } from './delivery-metrics.js'
import type { Scenario } from './scenario.js'

/** One room, N clients, a fixed number of writers at a fixed rate: fan-out latency. */
export const s1Fanout: Scenario = {
  id: 'S1',
  title: 'Fan-out: one room, N clients, writers at a steady rate',
  variants: (sizes) => sizes.s1.clients.map((n) => ({ label: `N=${n}`, params: { clients: n } })),
  appliesTo: () => true,
  inspect: false,
  env: () => ({}),
  columns: [...LATENCY_COLUMNS, ...RESOURCE_COLUMNS],
  run: async (target, variant, sizes) => {
    const { writers, ratePerWriter, durationMs } = sizes.s1
    const clients = variant.params.clients ?? 0
    const crowd = new Crowd(target)
    const [roomAccess] = await crowd.rooms('s1', 1)
    if (roomAccess === undefined) throw new Error('no room')
    for (let i = 0; i < clients; i += 1) crowd.add(0, roomAccess, i < writers)
    const writing = crowd.members.filter((m) => m.writer !== null)
    const meter = startMeter(target)
    const connectTimes = await crowd.connectAll()
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
        connectP99Ms: summarizeLatencies(connectTimes).p99,
        unexpectedCloses: crowd.unexpectedCloses(),
        fragments: crowd.scanner.fragments,
      },
      notes: [],
    }
  },
}
