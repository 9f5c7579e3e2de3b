import { now } from './time.js'

/**
 * Open-loop pacing: event i is due at start + i·interval whatever happened before, so a
 * slow server cannot slow the offered load down (no coordinated omission). When the
 * generator falls behind it sends the overdue events at once and the latency shows it.
 */
export const pace = (
  events: number,
  intervalMs: number,
  fire: (index: number) => void,
): Promise<void> =>
  new Promise((resolve) => {
    const start = now()
    let index = 0
    const tick = (): void => {
      const t = now()
      while (index < events && start + index * intervalMs <= t) {
        fire(index)
        index += 1
      }
      if (index >= events) {
        resolve()
        return
      }
      setTimeout(tick, Math.max(0, start + index * intervalMs - now()))
    }
    tick()
  })
