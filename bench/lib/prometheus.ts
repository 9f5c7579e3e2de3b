import { httpGet } from './net.js'

/** Sums every series of one metric in Prometheus text format; null when it is absent. */
export const readMetric = (text: string, name: string): number | null => {
  let total: number | null = null
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue
    const rest = line.slice(name.length)
    // Skip longer names that share the prefix (e.g. mufakat_rooms_loaded_total).
    if (rest[0] !== ' ' && rest[0] !== '{') continue
    const value = Number(
      rest
        .replace(/^\{[^}]*\}/, '')
        .trim()
        .split(/\s+/)[0],
    )
    if (Number.isFinite(value)) total = (total ?? 0) + value
  }
  return total
}

/** prom-client samples the loop with a 10 ms timer: what it reports is that interval plus the delay. */
const LAG_SAMPLE_MS = 10

/**
 * The event loop's delay since the previous call, from prom-client's default gauges (a
 * Node server with `collectDefaultMetrics` resets them at each scrape): p99 and max in ms,
 * or nulls when the target exposes none. Called once to start a window and once to read it.
 */
export const eventLoopDelay = async (
  port: number,
): Promise<{ eventLoopP99Ms: number | null; eventLoopMaxMs: number | null }> => {
  const answer = await httpGet(`http://127.0.0.1:${port}/metrics`).catch(() => undefined)
  const delay = (name: string): number | null => {
    const seconds = answer?.status === 200 ? readMetric(answer.body, name) : null
    return seconds === null ? null : Math.max(0, seconds * 1000 - LAG_SAMPLE_MS)
  }
  return {
    eventLoopP99Ms: delay('nodejs_eventloop_lag_p99_seconds'),
    eventLoopMaxMs: delay('nodejs_eventloop_lag_max_seconds'),
  }
}
