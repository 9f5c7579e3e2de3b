import { CEILING, CLUSTER_PEER, CLUSTER_SUBJECT, SUBJECT } from '../targets/registry.js'
import { medianOf, runsOf, variantsOf } from './aggregate.js'
import type { RunRecord } from './records.js'

export interface Goal {
  scenario: string
  goal: string
  status: 'met' | 'missed' | 'n/a'
  figure: string
}

/** Peers Mufakat must match or beat (the relay is a ceiling, not a peer). */
const PEERS = ['reference', 'hocuspocus', 'hocuspocus-sqlite']

const fmt = (value: number | null, digits = 1): string =>
  value === null ? '–' : value.toFixed(digits)

const status = (ok: boolean | null): Goal['status'] => (ok === null ? 'n/a' : ok ? 'met' : 'missed')

const peerValues = (
  runs: readonly RunRecord[],
  scenario: string,
  variant: string,
  metric: string,
) =>
  PEERS.map((peer) => ({
    peer,
    value: medianOf(runsOf(runs, scenario, variant, peer), metric),
  })).filter((p): p is { peer: string; value: number } => p.value !== null)

/** A slice in which some run's generator passed its limit cannot say who is ahead. */
const generatorBound = (runs: readonly RunRecord[], scenario: string, variant: string): boolean =>
  runs.some((r) => r.scenario === scenario && r.variant === variant && r.generatorBound === true)

const unlessBound = (
  runs: readonly RunRecord[],
  scenario: string,
  variant: string,
  ok: boolean | null,
  figure: string,
): Pick<Goal, 'status' | 'figure'> =>
  generatorBound(runs, scenario, variant)
    ? { status: 'n/a', figure: `${figure}; † the generator passed its limit in this slice` }
    : { status: status(ok), figure }

const subject = (runs: readonly RunRecord[], scenario: string, variant: string, metric: string) =>
  medianOf(runsOf(runs, scenario, variant, SUBJECT), metric)

/** Checks Mufakat (DURABILITY=full) against the goals of issue 3, on medians. */
export const evaluateGoals = (runs: readonly RunRecord[]): Goal[] => {
  const goals: Goal[] = []
  for (const variant of variantsOf(runs, 'S1')) {
    const p99 = subject(runs, 'S1', variant, 'p99Ms')
    const relay = medianOf(runsOf(runs, 'S1', variant, CEILING), 'p99Ms')
    const peers = peerValues(runs, 'S1', variant, 'p99Ms')
    const best = peers.length === 0 ? null : Math.min(...peers.map((p) => p.value))
    const lost = subject(runs, 'S1', variant, 'lost')
    const ok =
      p99 === null || relay === null || best === null
        ? null
        : p99 <= 1.25 * relay && p99 <= best && lost === 0
    goals.push({
      scenario: 'S1',
      goal: `${variant}: p99 ≤ 1.25× relay and ≤ best peer, nothing lost`,
      ...unlessBound(
        runs,
        'S1',
        variant,
        ok,
        `p99 ${fmt(p99)} ms; relay ${fmt(relay)} (×${fmt(p99 !== null && relay ? p99 / relay : null, 2)}); best peer ${fmt(best)} ms; lost ${fmt(lost, 0)}`,
      ),
    })
  }
  for (const variant of variantsOf(runs, 'S2')) {
    const ms = subject(runs, 'S2', variant, 'connectAllMs')
    const relay = medianOf(runsOf(runs, 'S2', variant, CEILING), 'connectAllMs')
    const rss = subject(runs, 'S2', variant, 'rssConnectedMb')
    const refRss = medianOf(runsOf(runs, 'S2', variant, 'reference'), 'rssConnectedMb')
    const leaks = subject(runs, 'S2', variant, 'leaks')
    const ok =
      ms === null || relay === null || rss === null || refRss === null
        ? null
        : ms <= 1.1 * relay && rss < refRss && leaks === 0
    goals.push({
      scenario: 'S2',
      goal: `${variant}: connect+sync ≤ 1.1× relay, RSS below reference, no cross-room token`,
      status: status(ok),
      figure: `${fmt(ms, 0)} ms vs relay ${fmt(relay, 0)} (×${fmt(ms !== null && relay ? ms / relay : null, 2)}); RSS ${fmt(rss)} MB vs reference ${fmt(refRss)} MB; cross-room ${fmt(leaks, 0)}`,
    })
  }
  for (const variant of variantsOf(runs, 'S3')) {
    const ups = subject(runs, 'S3', variant, 'updatesPerSec')
    const peers = peerValues(runs, 'S3', variant, 'updatesPerSec')
    const best = peers.length === 0 ? null : Math.max(...peers.map((p) => p.value))
    // A Mufakat run that never delivered everything has no updates/s: that is a miss, not n/a.
    const ran = runsOf(runs, 'S3', variant, SUBJECT).length > 0
    const ok = best === null || !ran ? null : ups !== null && ups >= 2 * best
    goals.push({
      scenario: 'S3',
      goal: `${variant}: updates/s ≥ 2× the faster peer`,
      status: status(ok),
      figure: `${fmt(ups, 0)} updates/s vs best peer ${fmt(best, 0)} (×${fmt(ups !== null && best ? ups / best : null, 2)})`,
    })
  }
  for (const variant of variantsOf(runs, 'S4')) {
    const dps = subject(runs, 'S4', variant, 'maxSustainedPerSec')
    const peers = peerValues(runs, 'S4', variant, 'maxSustainedPerSec')
    const best = peers.length === 0 ? null : Math.max(...peers.map((p) => p.value))
    const ok = dps === null || best === null ? null : dps >= 1.5 * best
    const stopped = subject(runs, 'S4', variant, 'stoppedByGenerator')
    goals.push({
      scenario: 'S4',
      goal: `${variant}: max sustained deliveries/s ≥ 1.5× best peer`,
      // A ramp the generator ended is a floor, not a ceiling: it cannot fail the goal.
      status: stopped === 1 && ok === false ? 'n/a' : status(ok),
      figure: `${fmt(dps, 0)}/s vs best peer ${fmt(best, 0)}/s (×${fmt(dps !== null && best ? dps / best : null, 2)})${stopped === 1 ? '; Mufakat stopped by the generator: its ceiling is higher' : ''}`,
    })
  }
  for (const variant of variantsOf(runs, 'S5')) {
    const ms = subject(runs, 'S5', variant, 'syncedMs')
    const tokens = subject(runs, 'S5', variant, 'tokensFound')
    const ok = ms === null ? null : ms <= 50
    goals.push({
      scenario: 'S5',
      goal: `${variant}: first client synced ≤ 50 ms after restart`,
      status: status(ok),
      figure: `${fmt(ms)} ms; state held ${fmt(tokens, 0)} tokens`,
    })
  }
  for (const variant of variantsOf(runs, 'S6')) {
    const after = subject(runs, 'S6', variant, 'roomsLoadedAfter')
    const delta = subject(runs, 'S6', variant, 'deltaRssMb')
    const unload = subject(runs, 'S6', variant, 'unloadMs')
    const grace = subject(runs, 'S6', variant, 'graceMs')
    const ok = after === null || delta === null ? null : after === 0 && delta <= 20
    goals.push({
      scenario: 'S6',
      goal: `${variant}: every room unloaded after grace, RSS after GC within 20 MB of idle`,
      status: status(ok),
      figure: `${fmt(after, 0)} rooms left (all gone ${fmt(unload, 0)} ms after clients began leaving, grace ${fmt(grace, 0)} ms); Δ RSS ${fmt(delta)} MB`,
    })
  }
  goals.push(...clusterGoals(runs))
  for (const variant of variantsOf(runs, 'S9')) {
    const late = subject(runs, 'S9', variant, 'lateJoinMs')
    const cold = subject(runs, 'S9', variant, 'coldLoadMs')
    const lateBest = peerValues(runs, 'S9', variant, 'lateJoinMs').map((p) => p.value)
    const coldBest = peerValues(runs, 'S9', variant, 'coldLoadMs').map((p) => p.value)
    const bestLate = lateBest.length === 0 ? null : Math.min(...lateBest)
    const bestCold = coldBest.length === 0 ? null : Math.min(...coldBest)
    const ok =
      late === null || bestLate === null
        ? null
        : late <= bestLate && (cold === null || bestCold === null || cold <= bestCold)
    goals.push({
      scenario: 'S9',
      goal: `${variant}: late joiner and cold load no slower than the best peer`,
      ...unlessBound(
        runs,
        'S9',
        variant,
        ok,
        `late joiner ${fmt(late, 0)} ms vs ${fmt(bestLate, 0)}; cold load ${fmt(cold, 0)} ms vs ${fmt(bestCold, 0)}`,
      ),
    })
  }
  return goals
}

/**
 * The cluster's goals (issue 16): cross-node fan-out p99 within 1.5× of one process's S1 at
 * the same N, and ahead of Hocuspocus with its Redis extension on S7 and S8.
 */
const clusterGoals = (runs: readonly RunRecord[]): Goal[] => {
  const goals: Goal[] = []
  const cluster = (scenario: string, variant: string, metric: string) =>
    medianOf(runsOf(runs, scenario, variant, CLUSTER_SUBJECT), metric)
  const peer = (scenario: string, variant: string, metric: string) =>
    medianOf(runsOf(runs, scenario, variant, CLUSTER_PEER), metric)
  for (const variant of variantsOf(runs, 'S7')) {
    const p99 = cluster('S7', variant, 'p99Ms')
    const single = subject(runs, 'S1', variant, 'p99Ms')
    const theirs = peer('S7', variant, 'p99Ms')
    const lost = cluster('S7', variant, 'lost')
    const ok =
      p99 === null || single === null || theirs === null
        ? null
        : p99 <= 1.5 * single && p99 <= theirs && lost === 0
    goals.push({
      scenario: 'S7',
      goal: `${variant}: p99 ≤ 1.5× one process's S1 p99 at the same N and ≤ ${CLUSTER_PEER}, nothing lost`,
      ...unlessBound(
        runs,
        'S7',
        variant,
        ok,
        `p99 ${fmt(p99)} ms; S1 ${SUBJECT} ${fmt(single)} ms (×${fmt(p99 !== null && single ? p99 / single : null, 2)}); ${CLUSTER_PEER} ${fmt(theirs)} ms; lost ${fmt(lost, 0)}`,
      ),
    })
  }
  for (const variant of variantsOf(runs, 'S8')) {
    const dps = cluster('S8', variant, 'deliveredPerSec')
    const p99 = cluster('S8', variant, 'p99Ms')
    const theirDps = peer('S8', variant, 'deliveredPerSec')
    const theirP99 = peer('S8', variant, 'p99Ms')
    const lost = cluster('S8', variant, 'lost')
    const ok =
      dps === null || p99 === null || theirDps === null || theirP99 === null
        ? null
        : dps >= theirDps && p99 <= theirP99 && lost === 0
    goals.push({
      scenario: 'S8',
      goal: `${variant}: deliveries/s ≥ ${CLUSTER_PEER} and p99 ≤ it, nothing lost`,
      ...unlessBound(
        runs,
        'S8',
        variant,
        ok,
        `${fmt(dps, 0)}/s, p99 ${fmt(p99)} ms vs ${CLUSTER_PEER} ${fmt(theirDps, 0)}/s, p99 ${fmt(theirP99)} ms; lost ${fmt(lost, 0)}`,
      ),
    })
  }
  return goals
}
