import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { makeDataDir, removeDataDirs } from '../helpers/server.js'
import {
  ensureChromium,
  ensureStrace,
  findChromium,
  type Machine,
  MachineNotReady,
  thisMachine,
} from '../helpers/test-machine.js'

afterAll(() => removeDataDirs())

/**
 * A machine whose PATH is a fresh directory (real files, really executable or not), whose
 * commands are recorded, and whose installs put the program where they would.
 */
const machineWith = (options: {
  isRoot?: boolean
  apt?: boolean
  downloads?: boolean
  env?: NodeJS.ProcessEnv
}) => {
  const bin = makeDataDir()
  const cache = join(makeDataDir(), 'chrome')
  const place = (path: string) => {
    writeFileSync(path, '#!/bin/sh\n')
    chmodSync(path, 0o755)
    return path
  }
  if (options.apt) place(join(bin, 'apt-get'))
  const ran: string[] = []
  const real = thisMachine()
  const machine: Machine = {
    env: { PATH: bin, ...options.env },
    isRoot: options.isRoot ?? false,
    exists: real.exists,
    playwrightChromium: () => cache,
    run: (command, args) => {
      const line = [command === process.execPath ? 'node' : command, ...args].join(' ')
      ran.push(line.replace(/\S*cli\.js/, 'playwright-core'))
      if (args.includes('install') && args.includes('chromium') && command === process.execPath) {
        if (options.downloads) place(cache)
        return Boolean(options.downloads)
      }
      if (command === 'apt-get' && args[0] === 'install') {
        for (const name of args.slice(4)) place(join(bin, name))
      }
      return true
    },
  }
  return { machine, ran, bin, cache, place }
}

describe('what the tests need of the machine', () => {
  it('takes CHROMIUM_PATH when it is a program, and says so when it is not', () => {
    const { machine, place, bin } = machineWith({})
    const chrome = place(join(bin, 'my-chrome'))
    expect(findChromium({ ...machine, env: { ...machine.env, CHROMIUM_PATH: chrome } })).toBe(
      chrome,
    )
    const missing = { ...machine, env: { ...machine.env, CHROMIUM_PATH: '/nowhere/chrome' } }
    expect(() => ensureChromium(missing)).toThrow(/CHROMIUM_PATH is \/nowhere\/chrome/)
  })

  it('finds a system Chromium on PATH, or Playwright’s, without installing anything', () => {
    const system = machineWith({})
    const chromium = system.place(join(system.bin, 'chromium-browser'))
    expect(ensureChromium(system.machine)).toBe(chromium)
    const cached = machineWith({})
    cached.place(cached.cache)
    expect(ensureChromium(cached.machine)).toBe(cached.cache)
    expect([...system.ran, ...cached.ran]).toEqual([])
  })

  it('downloads Playwright’s Chromium where downloads work', () => {
    const { machine, ran, cache } = machineWith({ downloads: true })
    expect(ensureChromium(machine)).toBe(cache)
    expect(ran).toEqual(['node playwright-core install chromium'])
  })

  it('installs chromium with apt as root on Debian or Ubuntu when the download fails', () => {
    const { machine, ran, bin } = machineWith({ isRoot: true, apt: true })
    expect(ensureChromium(machine)).toBe(join(bin, 'chromium'))
    expect(ran).toEqual([
      'node playwright-core install --with-deps chromium',
      'apt-get update -qq',
      'apt-get install -y -qq --no-install-recommends chromium',
    ])
  })

  it('stops with one sentence when Chromium can be neither found nor installed', () => {
    for (const machine of [machineWith({}), machineWith({ apt: true })]) {
      expect(() => ensureChromium(machine.machine)).toThrow(MachineNotReady)
      expect(() => ensureChromium(machine.machine)).toThrow(/^The browser tests need Chromium/)
      expect(machine.ran.some((line) => line.startsWith('apt-get'))).toBe(false)
    }
  })

  it('finds strace, installs it as root with apt, or stops with one sentence', () => {
    const present = machineWith({})
    const strace = present.place(join(present.bin, 'strace'))
    expect(ensureStrace(present.machine)).toBe(strace)
    const root = machineWith({ isRoot: true, apt: true })
    expect(ensureStrace(root.machine)).toBe(join(root.bin, 'strace'))
    expect(root.ran).toContain('apt-get install -y -qq --no-install-recommends strace')
    const user = machineWith({ apt: true })
    expect(() => ensureStrace(user.machine)).toThrow(/^The flush test needs strace/)
    expect(user.ran).toEqual([])
  })
})
