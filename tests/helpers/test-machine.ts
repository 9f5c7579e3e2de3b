import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, dirname, join } from 'node:path'
import { chromium } from 'playwright-core'

/**
 * What the tests need of the machine besides Node: a Chromium for the browser tests and strace
 * for the flush test. Found where they usually are, or installed, before any test starts; when
 * neither works, the run stops with one sentence saying what to do.
 */
export interface Machine {
  env: NodeJS.ProcessEnv
  /** Root may install system packages. */
  isRoot: boolean
  exists(path: string): boolean
  /** Runs a command with its output shown; true when it exits 0. */
  run(command: string, args: readonly string[]): boolean
  /** Where Playwright keeps the Chromium it downloads. */
  playwrightChromium(): string | undefined
}

export class MachineNotReady extends Error {}

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** playwright-core's command line (its package exports only package.json beside its code). */
const playwrightCli = join(
  dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')),
  'cli.js',
)

export const thisMachine = (): Machine => ({
  env: process.env,
  isRoot: process.getuid?.() === 0,
  exists: (path) => existsSync(path) && isExecutable(path),
  run: (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0,
  playwrightChromium: () => chromium.executablePath(),
})

/** The first of `names` on the machine's PATH. */
const onPath = (machine: Machine, names: readonly string[]): string | undefined => {
  const dirs = (machine.env.PATH ?? '').split(delimiter).filter(Boolean)
  for (const name of names) {
    const found = dirs.map((dir) => join(dir, name)).find((path) => machine.exists(path))
    if (found) return found
  }
  return undefined
}

const hasApt = (machine: Machine): boolean => onPath(machine, ['apt-get']) !== undefined

/** Installs Debian/Ubuntu packages when this user may; false otherwise. */
const aptInstall = (machine: Machine, packages: readonly string[]): boolean =>
  machine.isRoot &&
  hasApt(machine) &&
  machine.run('apt-get', ['update', '-qq']) &&
  machine.run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages])

const chromiumNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']

/** CHROMIUM_PATH, then a system Chromium or Chrome, then Playwright's download; no install. */
export const findChromium = (machine: Machine): string | undefined => {
  const chosen = machine.env.CHROMIUM_PATH
  if (chosen) {
    if (machine.exists(chosen)) return chosen
    throw new MachineNotReady(`CHROMIUM_PATH is ${chosen}, which is not an executable file`)
  }
  const cached = machine.playwrightChromium()
  return onPath(machine, chromiumNames) ?? (cached && machine.exists(cached) ? cached : undefined)
}

/** A Chromium for the browser tests: found, else downloaded by Playwright, else from apt. */
export const ensureChromium = (machine: Machine): string => {
  const found = findChromium(machine)
  if (found) return found
  // Playwright's own build where downloads work (as root, with the libraries it needs).
  const withDeps = machine.isRoot && hasApt(machine) ? ['--with-deps'] : []
  machine.run(process.execPath, [playwrightCli, 'install', ...withDeps, 'chromium'])
  const installed =
    findChromium(machine) ?? (aptInstall(machine, ['chromium']) && findChromium(machine))
  if (installed) return installed
  throw new MachineNotReady(
    'The browser tests need Chromium and none could be found or installed: install it (apt-get install chromium, or npx playwright-core install chromium) or set CHROMIUM_PATH to a Chromium or Chrome.',
  )
}

/** strace, which the flush test counts the server's flushes with: found, else from apt. */
export const ensureStrace = (machine: Machine): string => {
  const found =
    onPath(machine, ['strace']) ?? (aptInstall(machine, ['strace']) && onPath(machine, ['strace']))
  if (found) return found
  throw new MachineNotReady(
    'The flush test needs strace and it could not be installed: install it (apt-get install strace) and run the tests again.',
  )
}
