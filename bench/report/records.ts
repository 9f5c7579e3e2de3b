import type { MachineInfo, QuietCheck } from '../lib/machine.js'
import type { Metrics } from '../scenarios/scenario.js'
import type { Sizes } from '../scenarios/sizes.js'

/** One scenario × variant × target × repetition. */
export interface RunRecord {
  scenario: string
  variant: string
  target: string
  rep: number
  /** Machine state sampled just before the run. */
  quiet: QuietCheck
  /** CPU used by other processes during the run, % of one core. */
  foreignCpuPct: number | null
  /** Marked noisy: busy before the run or others used the CPU during it. */
  busy: boolean
  /** The load generator used more than GENERATOR_LIMIT_PCT of its core: does not tell servers apart. */
  generatorBound?: boolean
  ok: boolean
  error: string | null
  metrics: Metrics
  series: Metrics[] | null
  notes: string[]
  env: Record<string, string>
}

/** What bench/results/<timestamp>.json holds. */
export interface BenchResult {
  startedAt: string
  finishedAt: string
  command: string
  mode: 'full' | 'quick'
  partial: boolean
  machine: MachineInfo
  generatorPinned: boolean
  sizes: Sizes
  targets: Array<{ name: string; description: string }>
  /** Targets asked for but not run, with the reason (e.g. PostgreSQL not reachable). */
  skipped?: string[]
  runs: RunRecord[]
  /** Focused runs merged into this one with --merge (their slices replace the originals). */
  merged?: string[]
}
