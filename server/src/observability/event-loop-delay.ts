import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks'
import { Histogram, type Registry } from 'prom-client'

const name = 'mufakat_event_loop_delay_seconds'
const help =
  'How late the event loop ran a timer due every 10 ms: time every socket waited on work that blocked the loop'
const buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]
/** Node's timer fires this often; what it measures is the interval, so this part is not delay. */
const resolutionMs = 10

/**
 * Node's own event-loop delay monitor (`perf_hooks.monitorEventLoopDelay`, sampled in C++, no
 * JavaScript per sample) shown as a Prometheus histogram, cumulative since the start like any
 * other, so a scrape before and after a run tells that run's delays. The monitor keeps an HDR
 * histogram of percentiles, not buckets: each bucket counts the samples up to the highest
 * percentile at or under its bound, exact to the monitor's precision (a few per cent).
 */
class EventLoopDelayHistogram extends Histogram<'le'> {
  constructor(private readonly delays: IntervalHistogram) {
    super({ name, help, buckets, registers: [] })
  }

  override async get() {
    const { count } = this.delays
    const points = [...this.delays.percentiles]
    const upTo = (seconds: number): number => {
      const limit = seconds * 1e9 + resolutionMs * 1e6
      let share = 0
      for (const [percentile, nanoseconds] of points) {
        if (nanoseconds > limit) break
        share = percentile
      }
      return Math.round((count * share) / 100)
    }
    const mean = count > 0 ? Math.max(0, this.delays.mean / 1e9 - resolutionMs / 1000) : 0
    // The metric's own shape (type, aggregator), with the monitor's counts as its values.
    return {
      ...(await super.get()),
      values: [
        ...buckets.map((le) => ({ labels: { le }, value: upTo(le), metricName: `${name}_bucket` })),
        { labels: { le: '+Inf' }, value: count, metricName: `${name}_bucket` },
        { labels: {}, value: mean * count, metricName: `${name}_sum` },
        { labels: {}, value: count, metricName: `${name}_count` },
      ],
    }
  }
}

/** Starts measuring the event loop's delays into `registry`; stop it when the server closes. */
export const measureEventLoopDelay = (registry: Registry): { stop(): void } => {
  const delays = monitorEventLoopDelay({ resolution: resolutionMs })
  delays.enable()
  registry.registerMetric(new EventLoopDelayHistogram(delays))
  return { stop: () => delays.disable() }
}
