import { Crowd } from '../client/crowd.js'
import { memoryMb, startMeter } from '../lib/meter.js'
import { summarizeLatencies } from '../lib/stats.js'
import { now } from '../lib/time.js'
import { deliveryMetrics } from './delivery-metrics.js'
import type { Scenario } from './scenario.js'

/**
 * Many small rooms: how fast 2 clients per room connect and sync, what that costs in
 * memory, and isolation: each client writes one token that must reach its room-mate and
 * nobody else (the ledger counts a token seen in another room as a leak).
 */
export const s2ManyRooms: Scenario = {
  id: 'S2',
  title: 'Many rooms: R rooms × 2 clients',
  variants: (sizes) => [{ label: `R=${sizes.s2.rooms}`, params: { rooms: sizes.s2.rooms } }],
  appliesTo: () => true,
  inspect: false,
  env: () => ({}),
  columns: [
    { metric: 'connectAllMs', heading: 'connect+sync all ms', digits: 0 },
    { metric: 'connectP50Ms', heading: 'per-client p50 ms', digits: 1 },
    { metric: 'connectP99Ms', heading: 'per-client p99 ms', digits: 1 },
    { metric: 'rssConnectedMb', heading: 'RSS connected MB', digits: 1 },
    { metric: 'p99Ms', heading: 'token p99 ms', digits: 1 },
    { metric: 'lost', heading: 'lost', digits: 0 },
    { metric: 'duplicated', heading: 'dup', digits: 0 },
    { metric: 'leaks', heading: 'cross-room', digits: 0 },
    { metric: 'serverCpuSec', heading: 'server CPU s', digits: 2 },
    { metric: 'peakRssMb', heading: 'peak RSS MB', digits: 1 },
  ],
  run: async (target, variant) => {
    const rooms = variant.params.rooms ?? 0
    const crowd = new Crowd(target)
    const access = await crowd.rooms('s2', rooms)
    access.forEach((room, index) => {
      crowd.add(index, room, 'measuring-writer')
      crowd.add(index, room, 'measuring-writer')
    })
    const meter = startMeter(target)
    const start = now()
    const connectTimes = await crowd.connectAll(60_000)
    const connectAllMs = now() - start
    const connected = memoryMb(target.pid)
    const writeStart = now()
    for (const member of crowd.members) crowd.write(member)
    await crowd.drain()
    const reading = meter.stop()
    const totals = crowd.ledger.totals()
    await crowd.closeAll()
    const connect = summarizeLatencies(connectTimes)
    return {
      metrics: {
        ...deliveryMetrics(totals, now() - writeStart, reading),
        connectAllMs,
        connectP50Ms: connect.p50,
        connectP99Ms: connect.p99,
        rssConnectedMb: connected.rssMb,
        unexpectedCloses: crowd.unexpectedCloses(),
      },
      notes: [],
    }
  },
}
