/** How big each scenario is. `full` is what docs/performance.md reports; `quick` runs in CI. */
export interface Sizes {
  repetitions: number
  /** measured: receivers that time every token; the others only drain (worker threads). */
  s1: {
    clients: number[]
    writers: number
    ratePerWriter: number
    durationMs: number
    measured: number
  }
  s2: { rooms: number }
  s3: { updates: number; receivers: number; batch: number }
  /**
   * Offered load starts at startPerSec updates/s and doubles until a step fails (or the
   * generator passes its limit, or maxPerSec), then `bisections` steps narrow down between
   * the last pass and the first failure. Up to `writers` clients write, `measured` time
   * every token, the rest only drain.
   */
  s4: {
    clients: number
    writers: number
    measured: number
    startPerSec: number
    maxPerSec: number
    bisections: number
    ratePerWriter: number
    stepMs: number
    p99LimitMs: number
  }
  s5: { updates: number; batch: number }
  /** graceMs: null keeps Mufakat's default ROOM_UNLOAD_GRACE_MS. */
  s6: { rooms: number; graceMs: number | null }
  /**
   * planBytes of paragraphs written paragraphsPerUpdate at a time; clients join it.
   * compactAfterBytes (quick only) makes Mufakat compact a small plan too.
   */
  s9: {
    planBytes: number
    clients: number
    paragraphsPerUpdate: number
    compactAfterBytes: number | null
  }
  /** People with the plan open in Chromium; one of them types `words` words. */
  s10: { collaborators: number; words: number }
  /**
   * Cluster throughput: per room, writers and receivers dealt over the nodes, every one
   * timing what it receives. (S7, cross-node fan-out, takes S1's sizes: the same N.)
   */
  s8: {
    rooms: number
    writersPerRoom: number
    receiversPerRoom: number
    ratePerWriter: number
    durationMs: number
  }
}

export const FULL: Sizes = {
  repetitions: 3,
  s1: { clients: [50, 200, 500], writers: 10, ratePerWriter: 10, durationMs: 2000, measured: 50 },
  s2: { rooms: 1000 },
  s3: { updates: 5000, receivers: 19, batch: 100 },
  s4: {
    clients: 50,
    writers: 10,
    measured: 10,
    startPerSec: 100,
    maxPerSec: 102_400,
    bisections: 2,
    ratePerWriter: 25,
    stepMs: 1000,
    p99LimitMs: 50,
  },
  s5: { updates: 20_000, batch: 200 },
  s6: { rooms: 1000, graceMs: null },
  s9: { planBytes: 5_000_000, clients: 50, paragraphsPerUpdate: 400, compactAfterBytes: null },
  s10: { collaborators: 30, words: 20 },
  s8: { rooms: 10, writersPerRoom: 3, receiversPerRoom: 3, ratePerWriter: 10, durationMs: 2000 },
}

export const QUICK: Sizes = {
  repetitions: 1,
  s1: { clients: [10], writers: 2, ratePerWriter: 20, durationMs: 500, measured: 4 },
  s2: { rooms: 20 },
  s3: { updates: 200, receivers: 4, batch: 50 },
  s4: {
    clients: 8,
    writers: 2,
    measured: 3,
    startPerSec: 20,
    maxPerSec: 80,
    bisections: 0,
    ratePerWriter: 10,
    stepMs: 400,
    p99LimitMs: 50,
  },
  s5: { updates: 500, batch: 100 },
  s6: { rooms: 20, graceMs: 200 },
  s9: { planBytes: 200_000, clients: 5, paragraphsPerUpdate: 100, compactAfterBytes: 65_536 },
  s10: { collaborators: 2, words: 5 },
  s8: { rooms: 3, writersPerRoom: 3, receiversPerRoom: 3, ratePerWriter: 10, durationMs: 500 },
}
