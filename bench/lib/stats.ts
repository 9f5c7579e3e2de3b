export interface LatencySummary {
  count: number
  p50: number | null
  p95: number | null
  p99: number | null
  max: number | null
}

/** Nearest-rank percentile of an ascending array. */
export const percentile = (sorted: ArrayLike<number>, p: number): number | null => {
  if (sorted.length === 0) return null
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] ?? null
}

export const summarizeLatencies = (values: readonly number[]): LatencySummary => {
  const sorted = Float64Array.from(values).sort()
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? null : (sorted[sorted.length - 1] ?? null),
  }
}

export interface Spread {
  median: number
  min: number
  max: number
  n: number
}

/** Median with min–max over repetitions; nulls (a metric a run could not produce) are skipped. */
export const spread = (values: ReadonlyArray<number | null | undefined>): Spread | null => {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  if (present.length === 0) return null
  const sorted = [...present].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0, n: sorted.length }
}
