import { Crowd } from '../client/crowd.js'
import { startMeter } from '../lib/meter.js'
import { sleep } from '../lib/time.js'
import { deliveryMetrics } from './delivery-metrics.js'
import type { Scenario } from './scenario.js'

// Stop feeding the socket while this much is queued in user space, so a burst does not
// turn into one giant buffer in the generator.
const MAX_BUFFERED = 4 * 1024 * 1024

/**
 * Burst: one writer sends U updates as fast as it can to R receivers. Updates are
 * generated beforehand so the timing covers sending and relaying only.
 * updates/s = U / (time from first send until the last receiver got the last token).
 */
export const s3Burst: Scenario = {
  id: 'S3',
  title: 'Burst: one writer, updates as fast as possible',
  variants: (sizes) => [
    { label: `U=${sizes.s3.updates}, receivers=${sizes.s3.receivers}`, params: sizes.s3 },
  ],
  appliesTo: () => true,
  inspect: false,
  env: () => ({}),
  columns: [
    { metric: 'updatesPerSec', heading: 'updates/s', digits: 0 },
    { metric: 'completionMs', heading: 'all delivered ms', digits: 0 },
    { metric: 'p50Ms', heading: 'p50 ms', digits: 1 },
    { metric: 'p99Ms', heading: 'p99 ms', digits: 1 },
    { metric: 'maxMs', heading: 'max ms', digits: 1 },
    { metric: 'lost', heading: 'lost', digits: 0 },
    { metric: 'duplicated', heading: 'dup', digits: 0 },
    { metric: 'serverCpuSec', heading: 'server CPU s', digits: 2 },
    { metric: 'peakRssMb', heading: 'peak RSS MB', digits: 1 },
  ],
  run: async (target, variant) => {
    const updates = variant.params.updates ?? 0
    const receivers = variant.params.receivers ?? 0
    const batch = variant.params.batch ?? 100
    const crowd = new Crowd(target)
    const [room] = await crowd.rooms('s3', 1)
    if (room === undefined) throw new Error('no room')
    const writer = crowd.add(0, room, 'writer')
    for (let i = 0; i < receivers; i += 1) crowd.add(0, room, 'measure')
    await crowd.connectAll()
    const prepared = Array.from({ length: updates }, () => {
      if (writer.writer === null) throw new Error('writer has no document')
      return writer.writer.next()
    })
    const meter = startMeter(target)
    for (let i = 0; i < prepared.length; i += batch) {
      for (const item of prepared.slice(i, i + batch)) crowd.send(writer, item.seq, item.update)
      // Yield a turn so incoming deliveries are timestamped while we keep sending.
      await new Promise((resolve) => setImmediate(resolve))
      while (writer.client.buffered() > MAX_BUFFERED) await sleep(1)
    }
    // A long idle allowance: some servers go quiet for seconds while they merge a burst,
    // and a late delivery must not be reported as lost.
    const complete = await crowd.drain(10_000, 90_000)
    const reading = meter.stop()
    const totals = crowd.ledger.totals()
    await crowd.closeAll()
    const completionMs =
      complete && totals.firstSend !== null && totals.lastReceipt !== null
        ? totals.lastReceipt - totals.firstSend
        : null
    return {
      metrics: {
        ...deliveryMetrics(totals, completionMs ?? 0, reading),
        updatesPerSec: completionMs === null ? null : updates / (completionMs / 1000),
        completionMs,
        unexpectedCloses: crowd.unexpectedCloses(),
      },
      notes: complete ? [] : ['not every receiver got every update: updates/s not reported'],
    }
  },
}
