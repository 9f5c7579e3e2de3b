import type { RunningTarget } from '../targets/target.js'
import { readCpuSeconds, readMemory } from './proc.js'
import { now } from './time.js'

export interface MeterReading {
  /** CPU seconds the server process used while the meter ran. */
  serverCpuSec: number
  /** VmHWM of the server process (its lifetime peak; each run starts a fresh process). */
  peakRssMb: number
  rssMb: number
  /** Load generator CPU as % of one core; near 100 means the generator, not the server, limited. */
  generatorCpuPct: number
  wallMs: number
}

const MB = 1024 * 1024

export const memoryMb = (pid: number): { rssMb: number; peakRssMb: number } => {
  const memory = readMemory(pid)
  return { rssMb: memory.rssBytes / MB, peakRssMb: memory.peakRssBytes / MB }
}

/** Measures server CPU (from /proc) and generator CPU over a stretch of a scenario. */
export const startMeter = (target: RunningTarget): { stop: () => MeterReading } => {
  const pid = target.pid
  const cpuStart = readCpuSeconds(pid)
  const generatorStart = process.cpuUsage()
  const start = now()
  return {
    stop: () => {
      const wallMs = now() - start
      const generator = process.cpuUsage(generatorStart)
      return {
        serverCpuSec: readCpuSeconds(pid) - cpuStart,
        ...memoryMb(pid),
        generatorCpuPct:
          wallMs > 0 ? ((generator.user + generator.system) / 1000 / wallMs) * 100 : 0,
        wallMs,
      }
    },
  }
}
