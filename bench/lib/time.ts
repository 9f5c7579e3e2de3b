import { performance } from 'node:perf_hooks'

export const now = (): number => performance.now()

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })

export interface WaitOptions {
  /** Give up after this long, whatever happens. */
  capMs: number
  /** Give up when `progress()` has not changed for this long. */
  idleMs?: number
  progress?: () => number
  pollMs?: number
}

/**
 * Polls `done` until it holds. Bounded twice: by a hard cap and, when a progress
 * counter is given, by a period without progress, so a stalled target ends the wait early.
 * Returns whether `done` held.
 */
export const waitUntil = async (done: () => boolean, options: WaitOptions): Promise<boolean> => {
  const start = now()
  const poll = options.pollMs ?? 10
  let lastProgress = options.progress?.() ?? 0
  let lastChange = start
  while (!done()) {
    const t = now()
    if (t - start > options.capMs) return false
    if (options.progress !== undefined && options.idleMs !== undefined) {
      const p = options.progress()
      if (p !== lastProgress) {
        lastProgress = p
        lastChange = t
      } else if (t - lastChange > options.idleMs) {
        return false
      }
    }
    await sleep(poll)
  }
  return true
}
