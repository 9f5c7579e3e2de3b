import { type Spread, spread } from '../lib/stats.js'
import type { RunRecord } from './records.js'

/** The runs of one scenario variant on one target, over repetitions. */
export const runsOf = (
  runs: readonly RunRecord[],
  scenario: string,
  variant: string,
  target: string,
): RunRecord[] =>
  runs.filter((r) => r.scenario === scenario && r.variant === variant && r.target === target)

export const metricSpread = (runs: readonly RunRecord[], metric: string): Spread | null =>
  spread(runs.filter((r) => r.ok).map((r) => r.metrics[metric]))

export const medianOf = (runs: readonly RunRecord[], metric: string): number | null =>
  metricSpread(runs, metric)?.median ?? null

export const variantsOf = (runs: readonly RunRecord[], scenario: string): string[] => [
  ...new Set(runs.filter((r) => r.scenario === scenario).map((r) => r.variant)),
]

export const formatNumber = (value: number, digits: number): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })

/** "median (min–max)" over repetitions, or the single value. */
export const formatSpread = (s: Spread | null, digits: number): string => {
  if (s === null) return '–'
  if (s.n === 1 || s.min === s.max) return formatNumber(s.median, digits)
  return `${formatNumber(s.median, digits)} (${formatNumber(s.min, digits)}–${formatNumber(s.max, digits)})`
}
