import { launchChromium } from '../browser/chromium.js'
import { type Collaborator, openPlan, preparePlan } from '../browser/collaborators.js'
import {
  caretsOn,
  keystrokesOf,
  mutationsOf,
  probeToken,
  rendersOf,
  watchKeystrokes,
  watchRenders,
} from '../browser/keystroke-probe.js'
import { startMeter } from '../lib/meter.js'
import { descendantsCpuSeconds } from '../lib/proc.js'
import { summarizeLatencies } from '../lib/stats.js'
import { now, sleep } from '../lib/time.js'
import type { Scenario } from './scenario.js'

// Pages opened at once. One: every arrival makes each open page draw one more caret, and on
// two cores four arrivals at a time only fought over them (a page took 100 s to open, not 6).
const OPEN_CONCURRENCY = 1
// A quick typist: 60 ms between keys, a pause after each word.
const KEY_DELAY_MS = 60
const WORD_PAUSE_MS = 150

/**
 * Keystroke to remote render in the browser: C people have the plan open in Chromium, each
 * with the caret in the text (so every page draws everyone's caret); one types words, and
 * every other page stamps each word at the animation frame after it arrived. Latency is that
 * stamp minus the keydown of the word's last key. Reported, never asserted: it depends on the
 * machine. Only Mufakat has a browser client.
 */
export const s10Keystroke: Scenario = {
  id: 'S10',
  title: 'Keystroke to remote render in Chromium, C collaborators with carets',
  variants: (sizes) => [{ label: `C=${sizes.s10.collaborators}`, params: { ...sizes.s10 } }],
  appliesTo: (target) => target.name === 'mufakat-full',
  browser: true,
  // Thirty Chromium pages on two cores: about three minutes to open them one by one and
  // two to type (a run of 300 s on an otherwise quiet 2-core machine).
  timeoutMs: 600_000,
  inspect: false,
  env: () => ({}),
  columns: [
    { metric: 'p50Ms', heading: 'p50 ms', digits: 1 },
    { metric: 'p95Ms', heading: 'p95 ms', digits: 1 },
    { metric: 'p99Ms', heading: 'p99 ms', digits: 1 },
    { metric: 'maxMs', heading: 'max ms', digits: 1 },
    { metric: 'domP50Ms', heading: 'in DOM p50 ms', digits: 1 },
    { metric: 'samples', heading: 'samples', digits: 0 },
    { metric: 'missing', heading: 'missing', digits: 0 },
    { metric: 'caretsSeen', heading: 'carets drawn', digits: 0 },
    { metric: 'openAllMs', heading: 'open all ms', digits: 0 },
    { metric: 'serverCpuSec', heading: 'server CPU s', digits: 2 },
    { metric: 'browserCpuSec', heading: 'browser CPU s', digits: 0 },
    { metric: 'peakRssMb', heading: 'peak RSS MB', digits: 1 },
  ],
  run: async (target, variant) => {
    const people = variant.params.collaborators ?? 2
    const words = variant.params.words ?? 5
    const plan = await preparePlan(target.port, people)
    const browser = await launchChromium()
    try {
      const openStart = now()
      const opened: Collaborator[] = []
      let next = 0
      const opener = async (): Promise<void> => {
        while (next < plan.tokens.length) {
          const token = plan.tokens[next] ?? ''
          next += 1
          opened.push(await openPlan(browser, target.port, plan, token))
        }
      }
      await Promise.all(Array.from({ length: OPEN_CONCURRENCY }, opener))
      const openAllMs = now() - openStart
      const [typist, ...observers] = opened
      if (typist === undefined) throw new Error('nobody opened the plan')
      // Everyone's caret is drawn on every page once their presence has gone round.
      const watcher = observers[0]?.page
      let caretsSeen = watcher === undefined ? null : await caretsOn(watcher)
      const caretsStart = now()
      while (
        watcher !== undefined &&
        (caretsSeen ?? 0) < people - 1 &&
        now() - caretsStart < 10_000
      ) {
        await sleep(200)
        caretsSeen = await caretsOn(watcher)
      }
      await watchKeystrokes(typist.page)
      await Promise.all(observers.map((o) => watchRenders(o.page)))

      const meter = startMeter(target)
      for (let k = 0; k < words; k += 1) {
        await typist.page.keyboard.type(probeToken(k), { delay: KEY_DELAY_MS })
        await sleep(WORD_PAUSE_MS)
      }
      const complete = async (): Promise<Array<Record<string, number>>> =>
        Promise.all(observers.map((o) => rendersOf(o.page)))
      let renders = await complete()
      const waitStart = now()
      const painted = (r: Record<string, number>): number =>
        Object.values(r).filter((t) => t > 0).length
      while (renders.some((r) => painted(r) < words) && now() - waitStart < 20_000) {
        await sleep(200)
        renders = await complete()
      }
      const reading = meter.stop()
      // Read before the browser closes: its renderers are gone after.
      const browserCpuSec = descendantsCpuSeconds(process.pid, target.pids?.() ?? [target.pid])
      const keys = await keystrokesOf(typist.page)
      const mutations = await Promise.all(observers.map((o) => mutationsOf(o.page)))
      const latencies: number[] = []
      const domLatencies: number[] = []
      let missing = 0
      renders.forEach((rendered, i) => {
        for (let k = 0; k < words; k += 1) {
          const key = String(k).padStart(3, '0')
          const at = rendered[key] ?? -1
          const down = keys[k]
          if (at > 0 && down !== undefined) latencies.push(at - down)
          else missing += 1
          const inDom = mutations[i]?.[key]
          if (inDom !== undefined && down !== undefined) domLatencies.push(inDom - down)
        }
      })
      const summary = summarizeLatencies(latencies)
      return {
        metrics: {
          p50Ms: summary.p50,
          p95Ms: summary.p95,
          p99Ms: summary.p99,
          maxMs: summary.max,
          domP50Ms: summarizeLatencies(domLatencies).p50,
          samples: summary.count,
          missing,
          caretsSeen,
          openAllMs,
          serverCpuSec: reading.serverCpuSec,
          browserCpuSec,
          peakRssMb: reading.peakRssMb,
        },
        notes:
          caretsSeen !== null && caretsSeen < people - 1
            ? [`an observer drew ${caretsSeen} of ${people - 1} other carets`]
            : [],
      }
    } finally {
      await browser.close()
    }
  },
}
