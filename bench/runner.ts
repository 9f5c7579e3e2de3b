import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startForeignCpu } from './lib/foreign-cpu.js'
import { checkQuiet } from './lib/machine.js'
import { GENERATOR_LIMIT_PCT, GENERATOR_STARVED_PCT } from './lib/meter.js'
import type { RunRecord } from './report/records.js'
import type { Scenario, Variant } from './scenarios/scenario.js'
import type { Sizes } from './scenarios/sizes.js'
import type { TargetDefinition } from './targets/target.js'

// Other processes using more than this share of one core during a run mark it as noisy.
const FOREIGN_CPU_LIMIT_PCT = 15

// No single run may hang the bench: everything stops by itself.
const RUN_TIMEOUT_MS = 240_000

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Things that should never happen; shown next to the table rather than hidden in the JSON. */
const sanityNotes = (metrics: Record<string, number | null>): string[] => {
  const notes: string[] = []
  const closes = metrics.unexpectedCloses ?? 0
  if (closes > 0) notes.push(`${closes} client socket(s) closed by the server during the run`)
  if ((metrics.unknown ?? 0) > 0) notes.push(`${metrics.unknown} token(s) arrived that nobody sent`)
  const ratio = metrics.drainBytesRatio ?? null
  if (ratio !== null && ratio < 1)
    notes.push(
      `a drain-only receiver got ${(ratio * 100).toFixed(1)}% of the bytes the measuring ones got`,
    )
  if ((metrics.fragments ?? 0) > 0)
    notes.push(`${metrics.fragments} characters of received text were no whole token`)
  return notes
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Starts a fresh target on a fresh data directory, runs one scenario variant, stops it. */
export const runOnce = async (
  scenario: Scenario,
  variant: Variant,
  definition: TargetDefinition,
  rep: number,
  sizes: Sizes,
  strict: boolean,
): Promise<RunRecord> => {
  const quiet = await checkQuiet()
  if (quiet.busy && strict) {
    throw new Error(
      `machine busy (idle ${(quiet.idle * 100).toFixed(0)}%, load ${quiet.load1.toFixed(2)}): refusing to run (--strict)`,
    )
  }
  const env = scenario.env(sizes)
  const record: RunRecord = {
    scenario: scenario.id,
    variant: variant.label,
    target: definition.name,
    rep,
    quiet,
    foreignCpuPct: null,
    busy: quiet.busy,
    ok: false,
    error: null,
    metrics: {},
    series: null,
    notes: [],
    env,
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'mufakat-bench-'))
  try {
    const target = await definition.start({ dataDir, inspect: scenario.inspect, env })
    const foreign = startForeignCpu(target)
    try {
      const measured = await withTimeout(
        scenario.run(target, variant, sizes),
        scenario.timeoutMs ?? RUN_TIMEOUT_MS,
        `${scenario.id} on ${definition.name}`,
      )
      record.metrics = measured.metrics
      record.series = measured.series ?? null
      const generator = measured.metrics.generatorCpuPct ?? null
      record.generatorBound = generator !== null && generator > GENERATOR_LIMIT_PCT
      const waited = measured.metrics.generatorWaitPct ?? null
      const starved = waited !== null && waited > GENERATOR_STARVED_PCT
      record.notes = [
        ...measured.notes,
        ...(starved
          ? [
              `load generator waited for a CPU ${waited?.toFixed(0)}% of the time (other processes): its low CPU % is no headroom`,
            ]
          : []),
        ...sanityNotes(measured.metrics),
        ...(record.generatorBound
          ? [
              `load generator at ${generator?.toFixed(0)}% of its core (limit ${GENERATOR_LIMIT_PCT}%): does not tell servers apart`,
            ]
          : []),
      ]
      record.ok = true
    } finally {
      // A browser the scenario drove is the generator's, not another process.
      record.foreignCpuPct = foreign.stop(record.metrics.browserCpuSec ?? 0)
      record.busy =
        record.quiet.busy ||
        record.foreignCpuPct > FOREIGN_CPU_LIMIT_PCT ||
        (record.metrics.generatorWaitPct ?? 0) > GENERATOR_STARVED_PCT
      await target.stop()
    }
  } catch (error) {
    record.error = message(error)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
  return record
}
