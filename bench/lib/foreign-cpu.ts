import type { RunningTarget } from '../targets/target.js'
import { readMachineCpu } from './proc.js'
import { now } from './time.js'

// Same clock-tick assumption as proc.ts.
const TICKS_PER_SECOND = 100

/**
 * CPU that neither the target nor the load generator used during a run, as % of one
 * core: other processes on the machine (tests, builds, a browser). The quiet check before
 * a run cannot see what starts during it; this can. `stop` takes the CPU of processes the
 * generator itself started for the run (S10's Chromium), which are its own.
 */
export const startForeignCpu = (
  target: RunningTarget,
): { stop: (generatorChildrenSec: number) => number } => {
  const machine = readMachineCpu()
  const generator = process.cpuUsage()
  const server = target.cpuSeconds()
  const start = now()
  return {
    stop: (generatorChildrenSec) => {
      const after = readMachineCpu()
      const busy = (after.total - after.idle - (machine.total - machine.idle)) / TICKS_PER_SECOND
      const used = process.cpuUsage(generator)
      const ours =
        (used.user + used.system) / 1e6 + (target.cpuSeconds() - server) + generatorChildrenSec
      const wall = (now() - start) / 1000
      return wall > 0 ? Math.max(0, ((busy - ours) / wall) * 100) : 0
    },
  }
}
