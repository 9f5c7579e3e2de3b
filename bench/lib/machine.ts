import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg, release } from 'node:os'
import { readMachineCpu } from './proc.js'
import { sleep } from './time.js'

export interface MachineInfo {
  cpuModel: string
  cores: number
  node: string
  kernel: string
  taskset: boolean
}

export interface QuietCheck {
  /** Fraction of machine CPU time that was idle over the sample, 0..1. */
  idle: number
  load1: number
  busy: boolean
}

// The generator itself is idle while we sample, so anything below this means another
// process is using a noticeable share of the two cores.
const MIN_IDLE = 0.85

let tasksetPresent: boolean | undefined

export const hasTaskset = (): boolean => {
  if (tasksetPresent === undefined) {
    try {
      execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' })
      tasksetPresent = true
    } catch {
      tasksetPresent = false
    }
  }
  return tasksetPresent
}

export const describeMachine = (): MachineInfo => {
  const cpuInfo = readFileSync('/proc/cpuinfo', 'utf8')
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? 'unknown'
  return {
    cpuModel: model.trim(),
    cores: cpus().length,
    node: process.version,
    kernel: release(),
    taskset: hasTaskset(),
  }
}

/** Samples /proc/stat over `ms` to see whether someone else is using the machine. */
export const checkQuiet = async (ms = 200): Promise<QuietCheck> => {
  const before = readMachineCpu()
  await sleep(ms)
  const after = readMachineCpu()
  const total = after.total - before.total
  const idle = total > 0 ? (after.idle - before.idle) / total : 1
  const load1 = loadavg()[0] ?? 0
  return { idle, load1, busy: idle < MIN_IDLE }
}
