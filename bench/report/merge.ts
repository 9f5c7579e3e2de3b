import { readFileSync } from 'node:fs'
import type { Sizes } from '../scenarios/sizes.js'
import type { BenchResult, RunRecord } from './records.js'

const sameSlice = (a: RunRecord, b: RunRecord): boolean =>
  a.scenario === b.scenario && a.variant === b.variant && a.target === b.target

/**
 * Replaces, in an earlier result, every scenario × variant × target slice that a focused
 * run measured again (e.g. a target that failed because it was rebuilt mid-run). Earlier
 * runs the current bench would no longer make (`stillApplies`) are dropped. A scenario
 * whose sizes changed must be re-run completely, so no table mixes two sizes. The merged
 * result lists the commands it is made of, so nobody mistakes it for one run.
 */
export const mergeResults = (
  previousFile: string,
  fresh: BenchResult,
  stillApplies: (run: RunRecord) => boolean,
): BenchResult => {
  const previous = JSON.parse(readFileSync(previousFile, 'utf8')) as BenchResult
  const kept = previous.runs.filter(
    (r) => stillApplies(r) && !fresh.runs.some((n) => sameSlice(r, n)),
  )
  for (const key of Object.keys(fresh.sizes) as Array<keyof Sizes>) {
    if (key === 'repetitions') continue
    const changed = JSON.stringify(previous.sizes[key]) !== JSON.stringify(fresh.sizes[key])
    const scenario = key.toUpperCase()
    if (changed && kept.some((r) => r.scenario === scenario)) {
      throw new Error(
        `--merge: ${scenario} sizes changed since ${previousFile}; re-run all of ${scenario}`,
      )
    }
  }
  const targets = [...previous.targets]
  for (const t of fresh.targets) if (!targets.some((p) => p.name === t.name)) targets.push(t)
  return {
    ...previous,
    // The header tells the base run's repetitions; each row counts its own runs.
    sizes: { ...fresh.sizes, repetitions: previous.sizes.repetitions },
    finishedAt: fresh.finishedAt,
    targets,
    runs: [...kept, ...fresh.runs],
    merged: [...(previous.merged ?? []), `${fresh.command} (finished ${fresh.finishedAt})`],
  }
}
