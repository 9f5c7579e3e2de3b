import { readFileSync } from 'node:fs'
import type { RunningTarget } from '../targets/target.js'
import { readMachineCpu } from './proc.js'
import { now } from './time.js'

// Same clock-tick assumption as proc.ts.
const TICKS_PER_SECOND = 100

/**
 * CPU seconds of this process's children that have exited and been waited for (cutime and
 * cstime of /proc/self/stat), their own reaped children included.
 */
const reapedChildrenCpu = (): number => {
  const stat = readFileSync('/proc/self/stat', 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // After the name, field 3 (state) is index 0, so cutime (16) is 13 and cstime (17) is 14.
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND
}

/**
 * CPU that neither the target nor the load generator used during a run, as % of one
 * core: other processes on the machine (tests, builds, a browser). The quiet check before
 * a run cannot see what starts during it; this can. With `browser`, the Chromium the
 * scenario started (and closed before `stop`) is the generator's too: its CPU arrives in
 * the children's times once it has exited. (Only then: a target restarted during a run is
 * a reaped child as well, already counted by its own CPU reading.)
 */
export const startForeignCpu = (
  target: RunningTarget,
  options: { browser: boolean },
): { stop: () => number } => {
  const machine = readMachineCpu()
  const generator = process.cpuUsage()
  const children = reapedChildrenCpu()
  const server = target.cpuSeconds()
  const start = now()
  return {
    stop: () => {
      const after = readMachineCpu()
      const busy = (after.total - after.idle - (machine.total - machine.idle)) / TICKS_PER_SECOND
      const used = process.cpuUsage(generator)
      const browser = options.browser ? reapedChildrenCpu() - children : 0
      const ours = (used.user + used.system) / 1e6 + (target.cpuSeconds() - server) + browser
      const wall = (now() - start) / 1000
      return wall > 0 ? Math.max(0, ((busy - ours) / wall) * 100) : 0
    },
  }
}
