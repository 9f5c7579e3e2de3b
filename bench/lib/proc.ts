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

/**
 * CPU seconds used so far by the live descendants of `root` (their reaped children too),
 * leaving out the subtrees of `except`: e.g. the browser a scenario started, not the target.
 */
export const descendantsCpuSeconds = (root: number, except: readonly number[]): number => {
  const stats = new Map<number, { parent: number; cpu: number }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      // After the name: ppid is index 1; utime, stime, cutime, cstime are 11 to 14.
      const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0)
      stats.set(Number(entry), { parent: Number(fields[1]), cpu: ticks / TICKS_PER_SECOND })
    } catch {
      // A process that ended between the listing and the read.
    }
  }
  const inside = (pid: number): boolean => {
    for (let at = pid; at > 1; at = stats.get(at)?.parent ?? 0) {
      if (except.includes(at)) return false
      if (stats.get(at)?.parent === root) return true
    }
    return false
  }
  let total = 0
  for (const [pid, { cpu }] of stats) if (inside(pid)) total += cpu
  return total
}
