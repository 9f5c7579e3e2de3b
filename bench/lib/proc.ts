import { readdirSync, readFileSync } from 'node:fs'

// Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel
// build and /proc/self/stat gives no other way to learn it without spawning getconf.
const TICKS_PER_SECOND = 100

export interface ProcMemory {
  /** Current resident set size in bytes (VmRSS). */
  rssBytes: number
  /** Peak resident set size over the process lifetime in bytes (VmHWM). */
  peakRssBytes: number
}

/**
 * CPU seconds (user + system) a process has used so far. Read from /proc so the same
 * figure is available for every target, whatever it is written in.
 */
export const readCpuSeconds = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // After the name, field 3 (state) is index 0, so utime (14) is 11 and stime (15) is 12.
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return (utime + stime) / TICKS_PER_SECOND
}

const readKb = (status: string, key: string): number => {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)
  if (match?.[1] === undefined) throw new Error(`/proc status has no ${key}`)
  return Number(match[1]) * 1024
}

export const readMemory = (pid: number): ProcMemory => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return { rssBytes: readKb(status, 'VmRSS'), peakRssBytes: readKb(status, 'VmHWM') }
}

export interface CpuTimes {
  idle: number
  total: number
}

/** Machine-wide jiffies from the first line of /proc/stat. */
export const readMachineCpu = (): CpuTimes => {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
  const values = line.trim().split(/\s+/).slice(1).map(Number)
  // idle + iowait both mean "nobody wanted the CPU".
  const idle = (values[3] ?? 0) + (values[4] ?? 0)
  const total = values.reduce((sum, v) => sum + v, 0)
  return { idle, total }
}

/**
 * Nanoseconds the threads of this process have waited, runnable, for a CPU
 * (/proc/self/task/<tid>/schedstat, second field), summed over threads alive now.
 */
export const readOwnRunQueueWaitNs = (): number => {
  let total = 0
  for (const task of readdirSync('/proc/self/task')) {
    try {
      const fields = readFileSync(`/proc/self/task/${task}/schedstat`, 'utf8').trim().split(' ')
      total += Number(fields[1] ?? 0)
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return total
}
