import { Crowd } from '../client/crowd.js'
import { startMeter } from '../lib/meter.js'
import { pace } from '../lib/pace.js'
import { eventLoopDelay } from '../lib/prometheus.js'
import { summarizeLatencies } from '../lib/stats.js'
import { deliveryMetrics, LATENCY_COLUMNS, RESOURCE_COLUMNS } from './delivery-metrics.js'
import type { Scenario } from './scenario.js'

/**
 * One room, N clients, a fixed number of writers at a fixed rate: fan-out latency. Writers
 * only drain what they receive; a sample of receivers (at most `measured`) decodes and
 * times every token, the rest drain and count bytes in worker threads, so the generator
 * spends its core on load rather than on decoding the same update hundreds of times.
 */
export const s1Fanout: Scenario = {
  id: 'S1',
  title: 'Fan-out: one room, N clients, writers at a steady rate',
  variants: (sizes) => sizes.s1.clients.map((n) => ({ label: `N=${n}`, params: { clients: n } })),
  appliesTo: () => true,
  inspect: false,
  env: () => ({}),
  columns: [...LATENCY_COLUMNS, ...RESOURCE_COLUMNS],
  run: async (target, variant, sizes) => {
    const { writers, ratePerWriter, durationMs, measured } = sizes.s1
    const clients = variant.params.clients ?? 0
    const crowd = new Crowd(target)
    const [roomAccess] = await crowd.rooms('s1', 1)
    if (roomAccess === undefined) throw new Error('no room')
    const writing = Array.from({ length: writers }, () => crowd.add(0, roomAccess, 'writer'))
    const receivers = clients - writers
    const measuring = Math.min(receivers, measured)
    for (let i = 0; i < receivers; i += 1) {
      if (i < measuring) crowd.add(0, roomAccess, 'measure')
      else crowd.addDrain(roomAccess)
    }
    const meter = startMeter(target)
    const connectTimes = await crowd.connectAll()
    const intervalMs = 1000 / (ratePerWriter * writing.length)
    const events = Math.round((durationMs / 1000) * ratePerWriter * writing.length)
    // Opens the window the event loop's delays are read over: the writing and its relay.
    await eventLoopDelay(target.port)
    await pace(events, intervalMs, (i) => {
      const member = writing[i % writing.length]
      if (member !== undefined) crowd.write(member)
    })
    await crowd.drain(5000)
    const loop = await eventLoopDelay(target.port)
    const reading = meter.stop()
    const drained = await crowd.drainReport()
    const totals = crowd.ledger.totals()
    await crowd.closeAll()
    return {
      metrics: {
        ...deliveryMetrics(totals, durationMs, reading),
        connectP99Ms: summarizeLatencies(connectTimes).p99,
        ...drained,
        measuringClients: measuring,
        unexpectedCloses: crowd.unexpectedCloses() + drained.drainUnexpectedCloses,
        fragments: crowd.scanner.fragments,
        ...loop,
      },
      notes: [],
    }
  },
}
