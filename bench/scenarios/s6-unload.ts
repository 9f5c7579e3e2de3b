import { Crowd } from '../client/crowd.js'
import { collectGarbage } from '../lib/inspector.js'
import { memoryMb } from '../lib/meter.js'
import { now, sleep } from '../lib/time.js'
import { DEFAULT_UNLOAD_GRACE_MS } from '../targets/mufakat.js'
import type { RunningTarget } from '../targets/target.js'
import type { Scenario } from './scenario.js'

// How long to keep polling after the target's own unload delay before calling it stuck.
const UNLOAD_SLACK_MS = 3000
// For targets that never unload, look a little while to be sure, then move on.
const NEVER_UNLOADS_WAIT_MS = 1000

/** RSS after a full GC forced through the inspector (no back door in the server). */
const rssAfterGc = async (target: RunningTarget): Promise<number> => {
  if (target.inspectPort === null) throw new Error('S6 needs the target started with --inspect')
  await collectGarbage(target.inspectPort)
  await sleep(200)
  await collectGarbage(target.inspectPort)
  await sleep(300)
  return memoryMb(target.pid).rssMb
}

/**
 * Rooms unload: R rooms × 2 clients connect and each writes a token, then all leave.
 * Reports how many rooms are still loaded after the target's unload delay and RSS after a
 * GC, against the idle RSS (also after a GC) taken right after start.
 */
export const s6Unload: Scenario = {
  id: 'S6',
  title: 'Rooms unload: R rooms × 2 clients leave',
  variants: (sizes) => [{ label: `R=${sizes.s6.rooms}`, params: { rooms: sizes.s6.rooms } }],
  // Unloading and memory do not depend on how commits are flushed: DURABILITY=normal
  // would only repeat DURABILITY=full here, so the full run spends its time elsewhere.
  appliesTo: (target) => target.name !== 'mufakat-normal',
  inspect: true,
  env: (sizes): Record<string, string> =>
    sizes.s6.graceMs === null ? {} : { ROOM_UNLOAD_GRACE_MS: String(sizes.s6.graceMs) },
  columns: [
    { metric: 'roomsLoadedBusy', heading: 'rooms loaded (busy)', digits: 0 },
    { metric: 'roomsLoadedAfter', heading: 'rooms loaded after', digits: 0 },
    { metric: 'unloadMs', heading: 'all unloaded ms after leaving', digits: 0 },
    { metric: 'idleRssMb', heading: 'idle RSS MB', digits: 1 },
    { metric: 'provisionedRssMb', heading: 'rooms created, GC MB', digits: 1 },
    { metric: 'busyRssMb', heading: 'busy RSS MB', digits: 1 },
    { metric: 'afterGcRssMb', heading: 'after GC RSS MB', digits: 1 },
    { metric: 'deltaRssMb', heading: 'Δ vs idle MB', digits: 1 },
  ],
  run: async (target, variant, sizes) => {
    const rooms = variant.params.rooms ?? 0
    const graceEnv = s6Unload.env(sizes)
    const unloadAfter = target.definition.unloadAfterMs(graceEnv)
    const idleRssMb = await rssAfterGc(target)
    const crowd = new Crowd(target)
    const access = await crowd.rooms('s6', rooms)
    // Creating rooms may itself cost memory (Mufakat stores documents); shown for context.
    const provisionedRssMb = await rssAfterGc(target)
    access.forEach((room, index) => {
      crowd.add(index, room, 'measuring-writer')
      crowd.add(index, room, 'measuring-writer')
    })
    await crowd.connectAll(60_000)
    for (const member of crowd.members) crowd.write(member)
    await crowd.drain()
    const totals = crowd.ledger.totals()
    const busyRssMb = memoryMb(target.pid).rssMb
    const roomsLoadedBusy = await target.roomsLoaded()
    // Timed from when clients start leaving: each room's grace starts at its last close.
    const left = now()
    await crowd.closeAll()
    const deadline =
      left + (unloadAfter === null ? NEVER_UNLOADS_WAIT_MS : unloadAfter + UNLOAD_SLACK_MS)
    // A target busy unloading may answer /metrics slowly: a failed poll is retried.
    const poll = (): Promise<number | null | undefined> =>
      target.roomsLoaded().catch(() => undefined)
    let loaded = await poll()
    let unloadMs: number | null = loaded === 0 ? now() - left : null
    while (loaded !== null && loaded !== 0 && now() < deadline) {
      await sleep(100)
      loaded = await poll()
      if (loaded === 0) unloadMs = now() - left
    }
    const afterGcRssMb = await rssAfterGc(target)
    return {
      metrics: {
        roomsLoadedBusy,
        roomsLoadedAfter: loaded ?? null,
        unloadMs,
        graceMs: unloadAfter,
        defaultGraceMs: target.definition.name.startsWith('mufakat')
          ? DEFAULT_UNLOAD_GRACE_MS
          : null,
        idleRssMb,
        provisionedRssMb,
        busyRssMb,
        afterGcRssMb,
        deltaRssMb: afterGcRssMb - idleRssMb,
        lost: totals.lost,
        peakRssMb: memoryMb(target.pid).peakRssMb,
      },
      notes: [],
    }
  },
}
