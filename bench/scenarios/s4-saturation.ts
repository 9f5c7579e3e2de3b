import { Crowd } from '../client/crowd.js'
import { startMeter } from '../lib/meter.js'
import { pace } from '../lib/pace.js'
import type { RunningTarget } from '../targets/target.js'
import { deliveryMetrics } from './delivery-metrics.js'
import type { Metrics, Scenario } from './scenario.js'
import type { Sizes } from './sizes.js'

// Above this the generator's own core is the likely limit.
const GENERATOR_SATURATED_PCT = 90

interface Step {
  metrics: Metrics
  passed: boolean
}

/**
 * One step at `offered` updates/s: writers are added at a fixed rate each until every
 * client writes, after which their rate rises. A fresh room and fresh connections per step
 * keep each step's ledger to its own tokens.
 */
const runStep = async (target: RunningTarget, sizes: Sizes, offered: number): Promise<Step> => {
  const { clients, ratePerWriter, stepMs, p99LimitMs } = sizes.s4
  const writers = Math.min(clients, Math.max(1, Math.ceil(offered / ratePerWriter)))
  const crowd = new Crowd(target)
  const [room] = await crowd.rooms('s4', 1)
  if (room === undefined) throw new Error('no room')
  for (let i = 0; i < clients; i += 1) crowd.add(0, room, i < writers)
  await crowd.connectAll()
  const writing = crowd.members.filter((m) => m.writer !== null)
  const meter = startMeter(target)
  await pace(Math.round((stepMs / 1000) * offered), 1000 / offered, (i) => {
    const member = writing[i % writing.length]
    if (member !== undefined) crowd.write(member)
  })
  await crowd.drain(1000, stepMs + 15_000)
  const metrics = deliveryMetrics(crowd.ledger.totals(), stepMs, meter.stop())
  const closes = crowd.unexpectedCloses()
  await crowd.closeAll()
  const passed =
    (metrics.p99Ms ?? Number.POSITIVE_INFINITY) <= p99LimitMs &&
    metrics.lost === 0 &&
    metrics.duplicated === 0 &&
    closes === 0
  return {
    passed,
    metrics: {
      offeredUpdatesPerSec: offered,
      writers,
      ratePerWriter: offered / writers,
      ...metrics,
      unexpectedCloses: closes,
      passed: passed ? 1 : 0,
    },
  }
}

/**
 * Saturation: one room of C clients; the offered load doubles until p99 passes the limit
 * or anything is lost, duplicated or disconnected, then bisects between the last passing
 * and the first failing load. The result is the curve, and the highest deliveries/s a
 * passing step achieved.
 */
export const s4Saturation: Scenario = {
  id: 'S4',
  title: 'Saturation: more writers until p99 > 50 ms or a loss',
  variants: (sizes) => [{ label: `C=${sizes.s4.clients}`, params: { clients: sizes.s4.clients } }],
  appliesTo: () => true,
  inspect: false,
  env: () => ({}),
  columns: [
    { metric: 'maxSustainedPerSec', heading: 'max sustained deliv/s', digits: 0 },
    { metric: 'sustainedUpdatesPerSec', heading: 'at updates/s', digits: 0 },
    { metric: 'failedAtUpdatesPerSec', heading: 'failed at updates/s', digits: 0 },
    { metric: 'serverCpuSec', heading: 'server CPU s', digits: 2 },
    { metric: 'peakRssMb', heading: 'peak RSS MB', digits: 1 },
    { metric: 'generatorCpuPct', heading: 'max gen CPU %', digits: 0 },
  ],
  run: async (target, _variant, sizes) => {
    const { startPerSec, maxPerSec, bisections } = sizes.s4
    const series: Metrics[] = []
    const meter = startMeter(target)
    let best: Step | null = null
    let lastPass: number | null = null
    let firstFail: number | null = null
    let retriedPasses = 0
    const attempt = async (offered: number): Promise<boolean> => {
      let step = await runStep(target, sizes, offered)
      if (!step.passed) {
        // One hiccup (a GC, another process) must not end the search: a load fails only
        // when it fails twice in a row. The first try stays in the JSON, marked superseded.
        series.push({ ...step.metrics, superseded: 1 })
        step = await runStep(target, sizes, offered)
        if (step.passed) retriedPasses += 1
      }
      series.push(step.metrics)
      if (step.passed) {
        lastPass = Math.max(lastPass ?? 0, offered)
        if ((step.metrics.deliveredPerSec ?? 0) > (best?.metrics.deliveredPerSec ?? -1)) best = step
      } else {
        firstFail = Math.min(firstFail ?? Number.POSITIVE_INFINITY, offered)
      }
      return step.passed
    }
    for (let offered = startPerSec; offered <= maxPerSec; offered *= 2) {
      if (!(await attempt(offered))) break
    }
    for (let i = 0; i < bisections && lastPass !== null && firstFail !== null; i += 1) {
      const mid = Math.round((lastPass + firstFail) / 2)
      if (mid <= lastPass || mid >= firstFail) break
      await attempt(mid)
    }
    const reading = meter.stop()
    series.sort((a, b) => (a.offeredUpdatesPerSec ?? 0) - (b.offeredUpdatesPerSec ?? 0))
    const bestStep = best as Step | null
    return {
      metrics: {
        maxSustainedPerSec: bestStep?.metrics.deliveredPerSec ?? null,
        sustainedUpdatesPerSec: lastPass,
        failedAtUpdatesPerSec: firstFail,
        serverCpuSec: reading.serverCpuSec,
        peakRssMb: reading.peakRssMb,
        generatorCpuPct: Math.max(...series.map((s) => s.generatorCpuPct ?? 0)),
      },
      series,
      notes: [
        ...(firstFail === null
          ? [`passed every step up to ${maxPerSec} updates/s: the ceiling is higher`]
          : []),
        ...(retriedPasses > 0
          ? [`${retriedPasses} load(s) failed once and passed when repeated`]
          : []),
        ...series
          .filter((s) => (s.generatorCpuPct ?? 0) >= GENERATOR_SATURATED_PCT)
          .slice(0, 1)
          .map(
            (s) =>
              `the load generator used ${Math.round(s.generatorCpuPct ?? 0)}% of its core at ${s.offeredUpdatesPerSec} updates/s: from there on the generator, not only the server, limits`,
          ),
      ],
    }
  },
}
