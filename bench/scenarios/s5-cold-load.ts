import { Crowd } from '../client/crowd.js'
import { LightClient } from '../client/light-client.js'
import { TokenScanner } from '../client/tokens.js'
import { memoryMb, startMeter } from '../lib/meter.js'
import { now, waitUntil } from '../lib/time.js'
import type { Scenario } from './scenario.js'

const WINDOW = 1000
// Several writers share the build so no socket exceeds a per-socket message rate limit
// (Mufakat's default is 1000 messages/s after a burst allowance).
const BUILD_WRITERS = 4

/**
 * Cold load: a room with U stored updates, then the time for a first client to be synced
 * after a restart. The document is written through clients (one update per token, four
 * writers and a receiver); once every token arrived (Mufakat relays only what it has
 * committed; Hocuspocus stores when the last client leaves and on SIGTERM) the clients
 * close and the process is stopped gracefully and started again on the same data. The synced state is checked to
 * hold all U tokens, so a fast but empty load cannot pass.
 */
export const s5ColdLoad: Scenario = {
  id: 'S5',
  title: 'Cold load: first client synced after restart, document of U stored updates',
  variants: (sizes) => [{ label: `U=${sizes.s5.updates}`, params: sizes.s5 }],
  appliesTo: (target) => target.persistent,
  inspect: false,
  env: () => ({}),
  columns: [
    { metric: 'syncedMs', heading: 'first synced ms', digits: 1 },
    { metric: 'secondSyncedMs', heading: 'second client ms', digits: 1 },
    { metric: 'restartMs', heading: 'restart ms', digits: 0 },
    { metric: 'tokensFound', heading: 'tokens in state', digits: 0 },
    { metric: 'buildMs', heading: 'write U ms', digits: 0 },
    { metric: 'loadCpuSec', heading: 'load CPU s', digits: 3 },
    { metric: 'rssAfterLoadMb', heading: 'RSS after load MB', digits: 1 },
  ],
  run: async (target, variant) => {
    const updates = variant.params.updates ?? 0
    const batch = variant.params.batch ?? 100
    const crowd = new Crowd(target)
    const [room] = await crowd.rooms('s5', 1)
    if (room === undefined) throw new Error('no room')
    const writers = Array.from({ length: BUILD_WRITERS }, () =>
      crowd.add(0, room, 'measuring-writer'),
    )
    crowd.add(0, room, 'measure')
    await crowd.connectAll()
    const buildStart = now()
    // Closed loop while building: at most WINDOW tokens in flight. Building is not what
    // S5 measures, and an unbounded burst makes some servers merge thousands of updates
    // at once (Hocuspocus stalls for seconds), which would only slow the bench down.
    for (let sent = 0; sent < updates; ) {
      // Every token is owed to the other BUILD_WRITERS clients of the room.
      const inFlight = sent - Math.floor(crowd.ledger.deliveredCount() / BUILD_WRITERS)
      if (inFlight >= WINDOW) {
        const before = crowd.ledger.progress()
        const moved = await waitUntil(() => crowd.ledger.progress() !== before, { capMs: 30_000 })
        if (!moved) break
        continue
      }
      const n = Math.min(batch, updates - sent, WINDOW - inFlight)
      for (let j = 0; j < n; j += 1) {
        const writer = writers[(sent + j) % BUILD_WRITERS]
        if (writer !== undefined) crowd.write(writer)
      }
      sent += n
      await new Promise((resolve) => setImmediate(resolve))
    }
    const stored = await crowd.drain(10_000, 120_000)
    const buildMs = now() - buildStart
    await crowd.closeAll()
    if (!stored)
      throw new Error(
        `only ${crowd.ledger.deliveredCount()}/${updates * BUILD_WRITERS} deliveries while building`,
      )

    const restartStart = now()
    await target.restart()
    const restartMs = now() - restartStart
    const meter = startMeter(target)
    const scanner = new TokenScanner()
    let tokensFound = 0
    const first = new LightClient(room, target.definition.protocol, {
      onSynced: (state) => {
        tokensFound = scanner.scan(state).length / 2
      },
    })
    const syncedMs = await first.connect(60_000)
    const second = new LightClient(room, target.definition.protocol)
    const secondSyncedMs = await second.connect(60_000)
    const reading = meter.stop()
    const memory = memoryMb(target.pid)
    first.close()
    second.close()
    await Promise.all([first.closed(), second.closed()])
    return {
      metrics: {
        syncedMs,
        secondSyncedMs,
        restartMs,
        tokensFound,
        buildMs,
        loadCpuSec: reading.serverCpuSec,
        rssAfterLoadMb: memory.rssMb,
        peakRssMb: memory.peakRssMb,
      },
      notes:
        tokensFound === updates ? [] : [`synced state holds ${tokensFound} of ${updates} tokens`],
    }
  },
}
