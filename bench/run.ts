/**
 * `npm run bench`: Mufakat side by side with its peers in one run. See docs/performance.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromiumUnavailable } from './browser/chromium.js'
import { parseOptions } from './cli.js'
import { drainPool } from './client/drain-pool.js'
import { installCleanup } from './lib/children.js'
import { describeMachine } from './lib/machine.js'
import { REPO_ROOT } from './lib/paths.js'
import { runPinned } from './lib/pin.js'
import { now } from './lib/time.js'
import { renderDocs } from './report/docs.js'
import { evaluateGoals } from './report/goals.js'
import { renderTables } from './report/markdown.js'
import { mergeResults } from './report/merge.js'
import type { BenchResult, RunRecord } from './report/records.js'
import { runOnce } from './runner.js'
import { SCENARIOS, scenarioApplies } from './scenarios/registry.js'
import { FULL, QUICK } from './scenarios/sizes.js'
import { ALL_TARGETS, findTargets } from './targets/registry.js'
import type { TargetDefinition } from './targets/target.js'

// Two targets cover both wire formats (y-websocket and Hocuspocus) and Mufakat itself; the
// two clusters (skipped with a reason without PostgreSQL or Redis) cover S7 and S8.
const QUICK_TARGETS = ['mufakat-full', 'hocuspocus', 'mufakat-cluster', 'hocuspocus-redis']

const main = async (): Promise<number> => {
  const options = parseOptions(process.argv.slice(2))
  const base = options.quick ? QUICK : FULL
  const sizes = { ...base, repetitions: options.repetitions ?? base.repetitions }
  const targets: TargetDefinition[] = []
  const skipped: string[] = []
  for (const target of findTargets(
    options.targets ?? (options.quick ? QUICK_TARGETS : ALL_TARGETS.map((t) => t.name)),
  )) {
    const reason = (await target.unavailable?.()) ?? null
    if (reason === null) targets.push(target)
    else {
      skipped.push(`${target.name}: ${reason}`)
      console.log(`skipping ${target.name}: ${reason}`)
    }
  }
  const noBrowser = options.skipBrowser ? 'left out with --skip-browser' : chromiumUnavailable()
  const scenarios = SCENARIOS.filter(
    (s) => options.only === null || options.only.includes(s.id),
  ).filter((s) => {
    if (s.browser !== true || noBrowser === null) return true
    skipped.push(`${s.id}: ${noBrowser}`)
    console.log(`skipping ${s.id}: ${noBrowser}`)
    return false
  })
  if (scenarios.length === 0)
    throw new Error(`--only matched no scenario (known: ${SCENARIOS.map((s) => s.id).join(', ')})`)
  // Booting the drain workers (tsx, Yjs, ws) must not land inside the first timing.
  await drainPool.ready()
  const machine = describeMachine()
  const startedAt = new Date()
  const runs: RunRecord[] = []
  const t0 = now()

  for (const scenario of scenarios) {
    const applicable = targets.filter((t) => scenarioApplies(scenario, t))
    for (const variant of scenario.variants(sizes)) {
      for (let rep = 0; rep < sizes.repetitions; rep += 1) {
        // Interleave: each repetition starts with the next target, so drift in the
        // machine does not always hit the same one.
        const order = applicable
          .map((_, i) => applicable[(i + rep) % applicable.length])
          .filter((t) => t !== undefined)
        for (const target of order) {
          const record = await runOnce(scenario, variant, target, rep, sizes, options.strict)
          runs.push(record)
          const key = record.ok ? summarize(record) : `FAILED ${record.error?.split('\n')[0] ?? ''}`
          const busy = record.busy
            ? ` ⚠ busy (idle before ${(record.quiet.idle * 100).toFixed(0)}%, others during ${record.foreignCpuPct?.toFixed(0) ?? '?'}% of a core)`
            : ''
          console.log(
            `[${((now() - t0) / 1000).toFixed(0)}s] ${scenario.id} ${variant.label} ${target.name} #${rep + 1}: ${key}${busy}`,
          )
        }
      }
    }
  }

  const partial = options.only !== null || options.targets !== null || options.repetitions !== null
  const fresh: BenchResult = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    mode: options.quick ? 'quick' : 'full',
    partial,
    machine,
    generatorPinned: machine.taskset,
    sizes,
    targets: targets.map((t) => ({ name: t.name, description: t.description })),
    skipped,
    runs,
  }
  // The run's own numbers are saved first, so a failing merge cannot lose them.
  const resultsDir = join(REPO_ROOT, 'bench', 'results')
  mkdirSync(resultsDir, { recursive: true })
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-')
  const file = join(resultsDir, `${stamp}.json`)
  writeFileSync(file, `${JSON.stringify({ ...fresh, goals: evaluateGoals(runs) }, null, 2)}\n`)
  const result = options.merge === null ? fresh : mergeResults(options.merge, fresh, stillApplies)
  const goals = evaluateGoals(result.runs)
  const tables = renderTables(result, options.merge === null ? scenarios : SCENARIOS, goals)
  if (options.merge !== null) {
    const mergedFile = join(resultsDir, `${stamp}-merged.json`)
    writeFileSync(mergedFile, `${JSON.stringify({ ...result, goals }, null, 2)}\n`)
    console.log(`merged into ${mergedFile}`)
  }
  console.log(`\n${tables}`)
  console.log(`results: ${file}`)
  if ((!options.quick && !partial) || options.writeDocs) {
    writeFileSync(join(REPO_ROOT, 'docs', 'performance.md'), renderDocs(result, tables))
    console.log('wrote docs/performance.md')
  }
  const failed = runs.filter((r) => !r.ok)
  if (failed.length > 0) {
    console.error(
      `${failed.length} run(s) failed: ${failed.map((r) => `${r.scenario}/${r.target}`).join(', ')}`,
    )
    return 1
  }
  return 0
}

/** Whether the current bench would still make this (earlier) run at all. */
const stillApplies = (run: RunRecord): boolean => {
  const scenario = SCENARIOS.find((s) => s.id === run.scenario)
  const target = ALL_TARGETS.find((t) => t.name === run.target)
  return scenario !== undefined && target !== undefined && scenarioApplies(scenario, target)
}

const summarize = (record: RunRecord): string =>
  Object.entries(record.metrics)
    .filter(([key]) =>
      [
        'p99Ms',
        'lost',
        'connectAllMs',
        'updatesPerSec',
        'maxSustainedPerSec',
        'syncedMs',
        'roomsLoadedAfter',
        'deltaRssMb',
        'lateJoinMs',
        'coldLoadMs',
      ].includes(key),
    )
    .map(([key, value]) => `${key}=${value === null ? '–' : Number(value.toFixed(1))}`)
    .join(' ')

const pinned = runPinned()
if (pinned !== null) {
  pinned.then((code) => process.exit(code))
} else {
  installCleanup()
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error)
      process.exit(2)
    },
  )
}
