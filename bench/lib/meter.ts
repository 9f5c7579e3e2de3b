import { performance } from 'node:perf_hooks'
import type { RunningTarget } from '../targets/target.js'
import { readMemory, readOwnRunQueueWaitNs } from './proc.js'
import { now } from './time.js'

export interface MeterReading {
  /** CPU seconds the server process (a cluster: all its nodes) used while the meter ran. */
  serverCpuSec: number
  /**
   * VmHWM of the server process (its lifetime peak; each run starts a fresh process); a
   * cluster's is the sum over its nodes.
   */
  peakRssMb: number
  rssMb: number
  /**
   * Load generator CPU (every thread of it) as % of one core: it is pinned to one core, so
   * near 100 means the generator, not the server, limited.
   */
  generatorCpuPct: number
  /**
   * Time the generator's threads waited, runnable, for a CPU, as % of the wall time. High
   * means other processes starved it: then a low CPU % is no headroom.
   */
  generatorWaitPct: number
  /** How busy the generator's main thread (writers and measuring receivers) was, %. */
  generatorLoopPct: number
  wallMs: number
}

const MB = 1024 * 1024

/**
 * Above this share of its core the load generator may be what limits a run: such a run
 * does not tell servers apart, and the report marks it.
 */
export const GENERATOR_LIMIT_PCT = 70

/** Above this share of the wall time spent waiting for a CPU the generator was starved. */
export const GENERATOR_STARVED_PCT = 25

export const memoryMb = (pid: number): { rssMb: number; peakRssMb: number } => {
  const memory = readMemory(pid)
  return { rssMb: memory.rssBytes / MB, peakRssMb: memory.peakRssBytes / MB }
}

/** A target's memory: one process, or every node of a cluster added up. */
export const targetMemoryMb = (target: RunningTarget): { rssMb: number; peakRssMb: number } =>
  (target.pids?.() ?? [target.pid])
    .map(memoryMb)
    .reduce((sum, m) => ({ rssMb: sum.rssMb + m.rssMb, peakRssMb: sum.peakRssMb + m.peakRssMb }), {
      rssMb: 0,
      peakRssMb: 0,
    })

/** Measures server CPU (from /proc) and generator CPU over a stretch of a scenario. */
export const startMeter = (target: RunningTarget): { stop: () => MeterReading } => {
  // Every process of the target (a cluster's nodes too); no restart falls inside a meter.
  const cpuStart = target.cpuSeconds()
  const generatorStart = process.cpuUsage()
  const loopStart = performance.eventLoopUtilization()
  const waitStart = readOwnRunQueueWaitNs()
  const start = now()
  return {
    stop: () => {
      const wallMs = now() - start
      const generator = process.cpuUsage(generatorStart)
      return {
        serverCpuSec: target.cpuSeconds() - cpuStart,
        ...targetMemoryMb(target),
        generatorCpuPct:
          wallMs > 0 ? ((generator.user + generator.system) / 1000 / wallMs) * 100 : 0,
        generatorWaitPct:
          wallMs > 0 ? ((readOwnRunQueueWaitNs() - waitStart) / 1e6 / wallMs) * 100 : 0,
        generatorLoopPct: performance.eventLoopUtilization(loopStart).utilization * 100,
        wallMs,
      }
    },
  }
}
