import { spawn } from 'node:child_process'
import { GENERATOR_CORE } from './children.js'
import { hasTaskset } from './machine.js'

const PINNED_ENV = 'MUFAKAT_BENCH_PINNED'

/**
 * Runs the load generator on its own core: re-executes this process under
 * `taskset -c <generator core>` (so every thread of it is pinned, not only the main one),
 * forwards signals to it and resolves with its exit code. Returns null when already
 * pinned or when the machine has no taskset (the report then says so): run in place.
 */
export const runPinned = (): Promise<number> | null => {
  if (process.env[PINNED_ENV] === '1' || !hasTaskset()) return null
  const child = spawn(
    'taskset',
    ['-c', GENERATOR_CORE, process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, [PINNED_ENV]: '1' } },
  )
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => child.kill(signal))
  }
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 130)))
  })
}
