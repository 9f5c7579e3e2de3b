import { type ChildProcess, spawn } from 'node:child_process'
import { hasTaskset } from './machine.js'
import { sleep } from './time.js'

/** The core the servers under test run on; the load generator takes the other one. */
export const SERVER_CORE = '0'
export const GENERATOR_CORE = '1'

const live = new Set<ChildProcess>()
const OUTPUT_TAIL = 8192

export interface Tracked {
  child: ChildProcess
  pid: number
  /** Last few kB of stdout+stderr, for error messages when a target misbehaves. */
  tail: () => string
  exited: Promise<number | null>
}

/**
 * Spawns a server process pinned to the server core. Every child is remembered so that
 * an error, Ctrl-C or a normal exit of the bench never leaves a server behind.
 */
export const spawnServer = (
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Tracked => {
  const [file, argv] = hasTaskset()
    ? ['taskset', ['-c', SERVER_CORE, command, ...args]]
    : [command, [...args]]
  // taskset execs the command in place, so the pid we get is the server's own pid.
  const child = spawn(file, argv, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  if (child.pid === undefined) throw new Error(`could not spawn ${command}`)
  live.add(child)
  let output = ''
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child)
      resolve(code ?? (signal === null ? null : -1))
    })
  })
  return { child, pid: child.pid, tail: () => output, exited }
}

/** Asks a process to stop, and kills it if it has not exited after `graceMs`. */
export const stopProcess = async (tracked: Tracked, graceMs = 5000): Promise<void> => {
  if (tracked.child.exitCode !== null || tracked.child.signalCode !== null) return
  tracked.child.kill('SIGTERM')
  const stopped = await Promise.race([
    tracked.exited.then(() => true),
    sleep(graceMs).then(() => false),
  ])
  if (!stopped) {
    tracked.child.kill('SIGKILL')
    await tracked.exited
  }
}

export const killAllChildren = (): void => {
  for (const child of live) child.kill('SIGKILL')
  live.clear()
}

let installed = false

/** Kills every server we started when the bench ends in any way. */
export const installCleanup = (): void => {
  if (installed) return
  installed = true
  process.on('exit', killAllChildren)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAllChildren()
      process.exit(130)
    })
  }
}
