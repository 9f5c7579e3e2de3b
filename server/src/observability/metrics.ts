import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { SyncMetrics } from '../sync/ports.js'
import { measureEventLoopDelay } from './event-loop-delay.js'

export interface Metrics {
  registry: Registry
  sync: SyncMetrics
  /** Stops what measures in the background (the event loop's delays). */
  stop(): void
}

/** A Prometheus registry per server (no global), with process metrics and the sync counters. */
export const createMetrics = (): Metrics => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const eventLoop = measureEventLoopDelay(registry)
  const registers = [registry]
  const roomsLoaded = new Gauge({
    name: 'mufakat_rooms_loaded',
    help: 'Rooms whose document is in memory',
    registers,
  })
  const connections = new Gauge({
    name: 'mufakat_connections',
    help: 'Open sync connections',
    registers,
  })
  // The per-message counts are kept as plain numbers and handed to Prometheus when it scrapes:
  // a relay to 500 sockets must not pay 1000 counter updates.
  const tallies = { updatesReceived: 0, bytesReceived: 0, messagesSent: 0, bytesSent: 0 }
  const scrapedCounter = (name: string, help: string, tally: keyof typeof tallies) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.inc(tallies[tally])
        tallies[tally] = 0
      },
    })
  scrapedCounter(
    'mufakat_updates_received_total',
    'Document updates received from clients',
    'updatesReceived',
  )
  scrapedCounter(
    'mufakat_update_bytes_received_total',
    'Bytes of document updates received from clients',
    'bytesReceived',
  )
  scrapedCounter(
    'mufakat_messages_sent_total',
    'Sync and awareness messages sent to clients',
    'messagesSent',
  )
  scrapedCounter('mufakat_bytes_sent_total', 'Bytes sent to clients', 'bytesSent')
  const readOnlyDropped = new Counter({
    name: 'mufakat_readonly_updates_dropped_total',
    help: 'Updates from read-only connections, dropped unapplied',
    registers,
  })
  const commitSeconds = new Histogram({
    name: 'mufakat_store_commit_seconds',
    help: 'Time to store one batch of updates (including the flush to disk)',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
    registers,
  })
  const compactions = new Histogram({
    name: 'mufakat_compaction_seconds',
    help: 'Time to fold a room log into a snapshot',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers,
  })
  const catchUps = new Counter({
    name: 'mufakat_room_catch_ups_total',
    help: 'Times a room read back from the store commits it missed from other nodes (a Redis gap)',
    registers,
  })
  return {
    registry,
    stop: () => eventLoop.stop(),
    sync: {
      roomLoaded: () => roomsLoaded.inc(),
      roomUnloaded: () => roomsLoaded.dec(),
      connectionOpened: () => connections.inc(),
      connectionClosed: () => connections.dec(),
      updateReceived: (bytes) => {
        tallies.updatesReceived += 1
        tallies.bytesReceived += bytes
      },
      readOnlyUpdateDropped: () => readOnlyDropped.inc(),
      messageSent: (bytes) => {
        tallies.messagesSent += 1
        tallies.bytesSent += bytes
      },
      commitObserved: (seconds) => commitSeconds.observe(seconds),
      compactionObserved: (seconds) => compactions.observe(seconds),
      caughtUp: () => catchUps.inc(),
    },
  }
}
