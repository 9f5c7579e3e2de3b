import { parseArgs } from 'node:util'

export interface Options {
  quick: boolean
  only: string[] | null
  targets: string[] | null
  repetitions: number | null
  /** Refuse to run (exit 2) when another process is using the machine. */
  strict: boolean
  /** Write docs/performance.md even for a partial run (a full run always does). */
  writeDocs: boolean
  /** Leave out the scenarios that drive Chromium. */
  skipBrowser: boolean
  /** An earlier results file whose slices this run's slices replace. */
  merge: string | null
}

const list = (value: string | undefined): string[] | null =>
  value === undefined
    ? null
    : value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')

export const USAGE = `usage: npm run bench -- [--quick] [--only S1,S3] [--targets mufakat-full,reference]
                        [--reps N] [--strict] [--write-docs] [--skip-browser] [--merge bench/results/<earlier>.json]`

export const parseOptions = (argv: readonly string[]): Options => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      targets: { type: 'string' },
      reps: { type: 'string' },
      strict: { type: 'boolean', default: false },
      'write-docs': { type: 'boolean', default: false },
      merge: { type: 'string' },
      'skip-browser': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  })
  if (values.help === true) {
    console.log(USAGE)
    process.exit(0)
  }
  const reps = values.reps === undefined ? null : Number(values.reps)
  if (reps !== null && !(Number.isInteger(reps) && reps > 0))
    throw new Error(`--reps wants a positive integer`)
  return {
    quick: values.quick === true,
    only: list(values.only)?.map((s) => s.toUpperCase()) ?? null,
    targets: list(values.targets),
    repetitions: reps,
    strict: values.strict === true,
    writeDocs: values['write-docs'] === true,
    merge: values.merge ?? null,
    skipBrowser: values['skip-browser'] === true,
  }
}
