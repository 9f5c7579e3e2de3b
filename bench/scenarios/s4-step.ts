import { Crowd } from '../client/crowd.js'
import { startMeter } from '../lib/meter.js'
import { pace } from '../lib/pace.js'
import type { RunningTarget } from '../targets/target.js'
import { deliveryMetrics } from './delivery-metrics.js'
import type { Metrics } from './scenario.js'
import type { Sizes } from './sizes.js'

export interface Step {
  metrics: Metrics
  passed: boolean
}

/**
 * One S4 step at `offered` updates/s: writers are added at a fixed rate each up to
 * `writers`, after which their rate rises. A fresh room and fresh connections per step
 * keep each step's ledger to its own tokens. Every update is made before the timed part,
 * so the generator spends the step sending and receiving, not running Yjs.
 */
export const runStep = async (
  target: RunningTarget,
  sizes: Sizes,
  offered: number,
): Promise<Step> => {
  const { clients, ratePerWriter, stepMs, p99LimitMs, measured } = sizes.s4
  const writerCount = Math.min(sizes.s4.writers, Math.max(1, Math.ceil(offered / ratePerWriter)))
  const crowd = new Crowd(target)
  const [room] = await crowd.rooms('s4', 1)
  if (room === undefined) throw new Error('no room')
  const writing = Array.from({ length: writerCount }, () => crowd.add(0, room, 'writer'))
  const measuring = Math.min(measured, clients - writerCount)
  for (let i = writerCount; i < clients; i += 1) {
    if (i - writerCount < measuring) crowd.add(0, room, 'measure')
    else crowd.addDrain(room)
  }
  await crowd.connectAll()
  const events = Math.round((stepMs / 1000) * offered)
  const prepared = Array.from({ length: events }, (_, i) => {
    const member = writing[i % writing.length]
    if (member?.writer == null) throw new Error('writer has no document')
    return { member, ...member.writer.next() }
  })
  const meter = startMeter(target)
  await pace(events, 1000 / offered, (i) => {
    const item = prepared[i]
    if (item !== undefined) crowd.send(item.member, item.seq, item.update)
  })
  await crowd.drain(1000, stepMs + 15_000)
  const reading = meter.stop()
  const metrics = deliveryMetrics(crowd.ledger.totals(), stepMs, reading)
  const drained = await crowd.drainReport()
  const closes = crowd.unexpectedCloses() + drained.drainUnexpectedCloses
  await crowd.closeAll()
  const passed =
    (metrics.p99Ms ?? Number.POSITIVE_INFINITY) <= p99LimitMs &&
    metrics.lost === 0 &&
    metrics.duplicated === 0 &&
    closes === 0 &&
    (drained.drainBytesRatio ?? 1) >= 1
  // Deliveries to every other client of the room, from the sample: each update that
  // reached the measuring receivers is owed to clients − 1 clients.
  const perReceiver = measuring > 0 ? (metrics.deliveredPerSec ?? 0) / measuring : 0
  return {
    passed,
    metrics: {
      offeredUpdatesPerSec: offered,
      writers: writerCount,
      ratePerWriter: offered / writerCount,
      ...metrics,
      ...drained,
      allDeliveredPerSec: perReceiver * (clients - 1),
      unexpectedCloses: closes,
      passed: passed ? 1 : 0,
    },
  }
}
