import { Crowd } from '../client/crowd.js'
import type { RoomAccess } from '../client/light-client.js'
import { startMeter } from '../lib/meter.js'
import { pace } from '../lib/pace.js'
import { eventLoopDelay } from '../lib/prometheus.js'
import { summarizeLatencies } from '../lib/stats.js'
import type { RunningTarget } from '../targets/target.js'
import { deliveryMetrics } from './delivery-metrics.js'
import type { Measurement } from './scenario.js'
import type { Sizes } from './sizes.js'

/**
 * Where each client of a fan-out connects: writers and receivers are numbered from 0; the
 * answer is the room's access for that client (one process: always the same).
 */
export interface Placement {
  writer: (room: RoomAccess, index: number) => RoomAccess
  receiver: (room: RoomAccess, index: number) => RoomAccess
}

/**
 * One room, `clients` clients, a fixed number of writers at a fixed rate: fan-out latency
 * (S1 on one process, S7 over a cluster's nodes). Writers only drain what they receive; a
 * sample of receivers (at most `measured`) decodes and times every token, the rest drain
 * and count bytes in worker threads, so the generator spends its core on load rather than
 * on decoding the same update hundreds of times.
 */
export const runFanout = async (
  target: RunningTarget,
  clients: number,
  sizes: Sizes['s1'],
  place: Placement,
): Promise<Measurement> => {
  const { writers, ratePerWriter, durationMs, measured } = sizes
  const crowd = new Crowd(target)
  const [roomAccess] = await crowd.rooms('fanout', 1)
  if (roomAccess === undefined) throw new Error('no room')
  const writing = Array.from({ length: writers }, (_, i) =>
    crowd.add(0, place.writer(roomAccess, i), 'writer'),
  )
  const receivers = clients - writers
  const measuring = Math.min(receivers, measured)
  for (let i = 0; i < receivers; i += 1) {
    const access = place.receiver(roomAccess, i)
    if (i < measuring) crowd.add(0, access, 'measure')
    else crowd.addDrain(access)
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
}
