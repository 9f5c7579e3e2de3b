import { GENERATOR_LIMIT_PCT, GENERATOR_STARVED_PCT } from '../lib/meter.js'
import type { Scenario } from '../scenarios/scenario.js'
import { ALL_TARGETS, SUBJECT } from '../targets/registry.js'
import {
  formatNumber,
  formatSpread,
  medianOf,
  metricSpread,
  runsOf,
  variantsOf,
} from './aggregate.js'
import type { Goal } from './goals.js'
import { KEY_METRICS } from './key-metrics.js'
import type { BenchResult, RunRecord } from './records.js'

const BUSY = '⚠'
const GENERATOR_BOUND = '†'

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`

const targetOrder = (runs: readonly RunRecord[]): string[] =>
  ALL_TARGETS.map((t) => t.name).filter((name) => runs.some((r) => r.target === name))

const ratioLine = (
  runs: readonly RunRecord[],
  scenario: string,
  variant: string,
): string | null => {
  const key = KEY_METRICS[scenario]
  if (key === undefined) return null
  const subject = key.subject ?? SUBJECT
  const mine = medianOf(runsOf(runs, scenario, variant, subject), key.metric)
  if (mine === null) return null
  const parts = targetOrder(runs)
    .filter((t) => t !== subject)
    .map((t) => {
      const theirs = medianOf(runsOf(runs, scenario, variant, t), key.metric)
      return theirs === null || theirs === 0 ? null : `${t} ${formatNumber(mine / theirs, 2)}×`
    })
    .filter((p): p is string => p !== null)
  if (parts.length === 0) return null
  return `${subject} ÷ peer, ${key.label} (${key.better} is better): ${parts.join(', ')}`
}

const variantTable = (
  runs: readonly RunRecord[],
  scenario: Scenario,
  variant: string,
): string[] => {
  const lines = [
    row(['target', ...scenario.columns.map((c) => c.heading), 'runs']),
    row(['---', ...scenario.columns.map(() => '---:'), '---:']),
  ]
  for (const target of targetOrder(runs)) {
    const mine = runsOf(runs, scenario.id, variant, target)
    if (mine.length === 0) continue
    const busy =
      (mine.some((r) => r.busy) ? ` ${BUSY}` : '') +
      (mine.some((r) => r.generatorBound === true) ? ` ${GENERATOR_BOUND}` : '')
    const ok = mine.filter((r) => r.ok)
    if (ok.length === 0) {
      const error = (mine[0]?.error ?? 'failed').split('\n')[0] ?? ''
      lines.push(
        row([
          `${target}${busy}`,
          `failed: ${error.slice(0, 120)}`,
          ...scenario.columns.slice(1).map(() => ''),
          '0',
        ]),
      )
      continue
    }
    const cells = scenario.columns.map((c) => formatSpread(metricSpread(ok, c.metric), c.digits))
    lines.push(row([`${target}${busy}`, ...cells, `${ok.length}/${mine.length}`]))
  }
  return lines
}

/** S4's curve: per step, median deliveries/s and p99 of each target (steps it reached). */
const curveTable = (runs: readonly RunRecord[], variant: string): string[] => {
  const targets = targetOrder(runs)
  const steps = new Map<string, number>()
  for (const r of runs) {
    if (r.scenario !== 'S4' || r.variant !== variant) continue
    for (const s of r.series ?? []) {
      if (s.superseded === 1) continue
      const offered = s.offeredUpdatesPerSec ?? 0
      steps.set(`${s.writers} × ${formatNumber(offered / (s.writers || 1), 0)}/s`, offered)
    }
  }
  const lines = [
    row(['writers × rate', 'offered updates/s', ...targets]),
    row(['---', '---:', ...targets.map(() => '---:')]),
  ]
  for (const [step, offered] of [...steps.entries()].sort((a, b) => a[1] - b[1])) {
    const cells = targets.map((t) => {
      const points = runsOf(runs, 'S4', variant, t).flatMap((r) =>
        (r.series ?? []).filter((s) => s.offeredUpdatesPerSec === offered && s.superseded !== 1),
      )
      if (points.length === 0) return '·'
      const dps = points
        .map((p) => p.allDeliveredPerSec ?? p.deliveredPerSec ?? 0)
        .sort((a, b) => a - b)
      const p99 = points.map((p) => p.p99Ms ?? 0).sort((a, b) => a - b)
      const failed =
        (points.some((p) => p.passed === 0) ? ' ✗' : '') +
        (points.some((p) => (p.generatorCpuPct ?? 0) > GENERATOR_LIMIT_PCT)
          ? ` ${GENERATOR_BOUND}`
          : '')
      const mid = Math.floor(points.length / 2)
      return `${formatNumber(dps[mid] ?? 0, 0)} (p99 ${formatNumber(p99[mid] ?? 0, 1)})${failed}`
    })
    lines.push(row([step, formatNumber(offered, 0), ...cells]))
  }
  return lines
}

export const renderTables = (
  result: BenchResult,
  scenarios: readonly Scenario[],
  goals: readonly Goal[],
): string => {
  const out: string[] = []
  for (const scenario of scenarios) {
    const variants = variantsOf(result.runs, scenario.id)
    if (variants.length === 0) continue
    out.push(`### ${scenario.id} — ${scenario.title}`, '')
    for (const variant of variants) {
      out.push(`**${variant}**`, '', ...variantTable(result.runs, scenario, variant), '')
      const ratio = ratioLine(result.runs, scenario.id, variant)
      if (ratio !== null) out.push(ratio, '')
      if (scenario.id === 'S4') {
        out.push(
          `Curve (median deliveries/s to all clients and p99 ms per step; ✗ = step failed, ${GENERATOR_BOUND} = generator over ${GENERATOR_LIMIT_PCT}% of its core):`,
          '',
        )
        out.push(...curveTable(result.runs, variant), '')
      }
    }
    const notes = [
      ...new Set(
        result.runs
          .filter((r) => r.scenario === scenario.id)
          .flatMap((r) => r.notes.map((n) => `${r.target}: ${n}`)),
      ),
    ]
    if (notes.length > 0) out.push(...notes.map((n) => `- ${n}`), '')
  }
  if (goals.length > 0) {
    out.push('### Goals for Mufakat (DURABILITY=full)', '')
    out.push(row(['scenario', 'goal', 'status', 'figure']), row(['---', '---', '---', '---']))
    for (const g of goals)
      out.push(
        row([
          g.scenario,
          g.goal,
          g.status === 'met' ? '✅ met' : g.status === 'missed' ? '❌ missed' : 'n/a',
          g.figure,
        ]),
      )
    out.push('')
  }
  if (result.runs.some((r) => r.busy)) {
    out.push(
      `${BUSY} = at least one of these runs was disturbed: less than 85% of the machine was idle before it, other processes used more than 15% of a core during it, or the load generator waited for a CPU more than ${GENERATOR_STARVED_PCT}% of the time. Treat those numbers with care.`,
      '',
    )
  }
  if (result.runs.some((r) => r.generatorBound === true)) {
    out.push(
      `${GENERATOR_BOUND} = in at least one of these runs the load generator used more than ${GENERATOR_LIMIT_PCT}% of its core: that run does not tell servers apart (the generator, not only the server, may have set the figure).`,
      '',
    )
  }
  return out.join('\n')
}
