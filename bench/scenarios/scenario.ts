import type { RunningTarget, TargetDefinition } from '../targets/target.js'
import type { Sizes } from './sizes.js'

export type Metrics = Record<string, number | null>

/** What one run of a scenario against one target measured. */
export interface Measurement {
  metrics: Metrics
  /** Per-step numbers where a scenario produces a curve (S4). */
  series?: Metrics[]
  notes: string[]
}

export interface Variant {
  /** Shown in headings, e.g. "N=200". */
  label: string
  params: Record<string, number>
}

export interface Column {
  metric: string
  heading: string
  digits: number
}

export interface Scenario {
  id: string
  title: string
  variants: (sizes: Sizes) => Variant[]
  appliesTo: (target: TargetDefinition) => boolean
  /** Runs on cluster targets (several nodes) only; the others never run on them. */
  cluster?: boolean
  /** How long one run may take before it is failed (default: the runner's). */
  timeoutMs?: number
  /** Drives Chromium (skipped with --skip-browser or when there is no Chromium). */
  browser?: boolean
  /** Start the target with `--inspect` (only S6 needs a GC from outside). */
  inspect: boolean
  /** Environment for the target in this scenario (e.g. a shorter unload grace in quick mode). */
  env: (sizes: Sizes) => Record<string, string>
  columns: Column[]
  run: (target: RunningTarget, variant: Variant, sizes: Sizes) => Promise<Measurement>
}
