import type { DeliveryTotals } from '../client/ledger.js'
import type { MeterReading } from '../lib/meter.js'
import type { Column, Metrics } from './scenario.js'

/**
 * The numbers every delivery scenario reports. Achieved deliveries/s divides what
 * arrived by the nominal duration, or by the time from the first send to the last
 * arrival when that is longer (a server falling behind stretches it).
 */
export const deliveryMetrics = (
  totals: DeliveryTotals,
  nominalMs: number,
  reading: MeterReading,
): Metrics => {
  const spanMs =
    totals.firstSend !== null && totals.lastReceipt !== null
      ? totals.lastReceipt - totals.firstSend
      : 0
  const windowMs = Math.max(nominalMs, spanMs)
  return {
    p50Ms: totals.latency.p50,
    p95Ms: totals.latency.p95,
    p99Ms: totals.latency.p99,
    maxMs: totals.latency.max,
    expectedPerSec: nominalMs > 0 ? totals.expected / (nominalMs / 1000) : null,
    deliveredPerSec: windowMs > 0 ? totals.delivered / (windowMs / 1000) : null,
    expected: totals.expected,
    delivered: totals.delivered,
    lost: totals.lost,
    duplicated: totals.duplicated,
    leaks: totals.leaks,
    unknown: totals.unknown,
    echoes: totals.echoes,
    serverCpuSec: reading.serverCpuSec,
    peakRssMb: reading.peakRssMb,
    generatorCpuPct: reading.generatorCpuPct,
    generatorLoopPct: reading.generatorLoopPct,
    generatorWaitPct: reading.generatorWaitPct,
  }
}

export const LATENCY_COLUMNS: Column[] = [
  { metric: 'p50Ms', heading: 'p50 ms', digits: 1 },
  { metric: 'p95Ms', heading: 'p95 ms', digits: 1 },
  { metric: 'p99Ms', heading: 'p99 ms', digits: 1 },
  { metric: 'maxMs', heading: 'max ms', digits: 1 },
  { metric: 'deliveredPerSec', heading: 'deliv/s', digits: 0 },
  { metric: 'expectedPerSec', heading: 'expected/s', digits: 0 },
  { metric: 'lost', heading: 'lost', digits: 0 },
  { metric: 'duplicated', heading: 'dup', digits: 0 },
]

export const RESOURCE_COLUMNS: Column[] = [
  { metric: 'serverCpuSec', heading: 'server CPU s', digits: 2 },
  { metric: 'peakRssMb', heading: 'peak RSS MB', digits: 1 },
  { metric: 'generatorCpuPct', heading: 'gen CPU %', digits: 0 },
]
