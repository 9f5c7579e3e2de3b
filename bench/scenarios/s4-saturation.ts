import { GENERATOR_LIMIT_PCT, GENERATOR_STARVED_PCT, startMeter } from '../lib/meter.js'
import { runStep, type Step } from './s4-step.js'
import type { Metrics, Scenario } from './scenario.js'

/**
 * What ended the ramp: the server failing a load, the generator's own core, the generator
 * starved by other processes (a shared machine), or the cap.
 */
type Stop = 'server' | 'generator' | 'starved' | 'cap'

/**
 * Saturation: one room of C clients; the offered load doubles until a step fails (p99 past
 * the limit, or anything lost, duplicated or disconnected) and then bisects between the
 * last pass and the first failure. The ramp also stops when the generator used more than
 * GENERATOR_LIMIT_PCT of its core: past that the generator, not the server, would decide,
 * so the result says "the ceiling is above" rather than a number it cannot vouch for.
 */
export const s4Saturation: Scenario = {
  id: 'S4',
  title: "Saturation: load doubles until the server's own ceiling",
  variants: (sizes) => [{ label: `C=${sizes.s4.clients}`, params: { clients: sizes.s4.clients } }],
  appliesTo: () => true,
  inspect: false,
  env: () => ({}),
  columns: [
    { metric: 'maxSustainedPerSec', heading: 'max sustained deliv/s', digits: 0 },
    { metric: 'sustainedUpdatesPerSec', heading: 'at updates/s', digits: 0 },
    { metric: 'failedAtUpdatesPerSec', heading: 'failed at updates/s', digits: 0 },
    { metric: 'stoppedByGenerator', heading: 'stopped by generator', digits: 0 },
    { metric: 'serverCpuSec', heading: 'server CPU s', digits: 2 },
    { metric: 'peakRssMb', heading: 'peak RSS MB', digits: 1 },
    { metric: 'generatorCpuPct', heading: 'gen CPU % at best', digits: 0 },
  ],
  run: async (target, _variant, sizes) => {
    const { startPerSec, maxPerSec, bisections } = sizes.s4
    const series: Metrics[] = []
    const meter = startMeter(target)
    let best: Step | null = null
    let lastPass: number | null = null
    let firstFail: number | null = null
    let stop: Stop = 'cap'
    let stoppedAt: number | null = null
    let retriedPasses = 0
    const generatorBound = (step: Step): boolean =>
      (step.metrics.generatorCpuPct ?? 0) > GENERATOR_LIMIT_PCT
    const starved = (step: Step): boolean =>
      (step.metrics.generatorWaitPct ?? 0) > GENERATOR_STARVED_PCT
    const attempt = async (offered: number): Promise<Step> => {
      let step = await runStep(target, sizes, offered)
      if (!step.passed && !generatorBound(step)) {
        // One hiccup (a GC, another process) must not end the search: a load fails only
        // when it fails twice in a row. The first try stays in the JSON, marked superseded.
        series.push({ ...step.metrics, superseded: 1 })
        step = await runStep(target, sizes, offered)
        if (step.passed) retriedPasses += 1
      }
      series.push(step.metrics)
      if (step.passed) {
        lastPass = Math.max(lastPass ?? 0, offered)
        const dps = step.metrics.allDeliveredPerSec ?? 0
        if (dps > (best?.metrics.allDeliveredPerSec ?? -1)) best = step
      } else if (!generatorBound(step)) {
        firstFail = Math.min(firstFail ?? Number.POSITIVE_INFINITY, offered)
      }
      return step
    }
    for (let offered = startPerSec; offered <= maxPerSec; offered *= 2) {
      const step = await attempt(offered)
      if (generatorBound(step)) {
        stop = 'generator'
        stoppedAt = offered
        break
      }
      if (!step.passed) {
        stop = starved(step) ? 'starved' : 'server'
        stoppedAt = offered
        break
      }
    }
    for (let i = 0; i < bisections && stop === 'server' && lastPass !== null; i += 1) {
      if (firstFail === null) break
      const mid = Math.round((lastPass + firstFail) / 2)
      if (mid <= lastPass || mid >= firstFail) break
      await attempt(mid)
    }
    const reading = meter.stop()
    series.sort((a, b) => (a.offeredUpdatesPerSec ?? 0) - (b.offeredUpdatesPerSec ?? 0))
    const bestStep = best as Step | null
    const stopNote =
      stop === 'server'
        ? `the server's ceiling: it failed ${firstFail} updates/s twice (p99 over the limit, a loss or a drop) with the generator under ${GENERATOR_LIMIT_PCT}% of its core`
        : stop === 'generator'
          ? `stopped by the generator at ${stoppedAt} updates/s (over ${GENERATOR_LIMIT_PCT}% of its core): the server's ceiling is above ${lastPass ?? 0} updates/s and this run does not find it`
          : stop === 'starved'
            ? `stopped at ${stoppedAt} updates/s with the generator starved by other processes (it waited for a CPU more than ${GENERATOR_STARVED_PCT}% of the time): this run does not find the server's ceiling`
            : `passed every step up to ${maxPerSec} updates/s (the bench's cap): the ceiling is higher`
    return {
      metrics: {
        maxSustainedPerSec: bestStep?.metrics.allDeliveredPerSec ?? null,
        sustainedUpdatesPerSec: lastPass,
        failedAtUpdatesPerSec: firstFail,
        stoppedByGenerator: stop === 'generator' ? 1 : 0,
        serverCpuSec: reading.serverCpuSec,
        peakRssMb: reading.peakRssMb,
        // At the best passing step: that step's figure is what the ratio compares.
        generatorCpuPct: bestStep?.metrics.generatorCpuPct ?? null,
      },
      series,
      notes: [
        stopNote,
        ...(retriedPasses > 0
          ? [`${retriedPasses} load(s) failed once and passed when repeated`]
          : []),
      ],
    }
  },
}
