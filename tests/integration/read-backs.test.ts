import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CommitSequences } from '../../server/src/sync/commit-sequences.js'
import type {
  RelayedCommit,
  RoomCatchUp,
  RoomListener,
  RoomRelay,
} from '../../server/src/sync/ports.js'
import type { Room } from '../../server/src/sync/room.js'
import { RoomPeers } from '../../server/src/sync/room-peers.js'

/*
 * When a node reads back what it missed, with the real `RoomPeers` and `CommitSequences` on the
 * clock (fake timers): a forged number is looked for less and less often, but never delays the
 * read-back of a real loss, of a lost link, or of a storage coming back.
 */

const commit = (origin: string, seq: number): RelayedCommit => ({
  origin,
  seq,
  update: new Uint8Array([0]),
  writers: [],
})

/** A node holding room "r", its relay and its storage, all in memory. */
const node = () => {
  const applied: string[] = []
  const sequence = new CommitSequences('a', new Map())
  const apply = (ready: RelayedCommit[]) => {
    for (const { origin, seq } of ready) applied.push(`${origin}${seq}`)
  }
  const room = {
    name: 'r',
    sequence,
    hear: (heard: RelayedCommit) => apply(sequence.heard(heard)),
    caughtUp: ({ heads }: RoomCatchUp) => apply(sequence.caughtUp(heads)),
    presence: { hear: () => {}, ownStates: () => undefined },
  }
  /** What the storage holds: each node's last number. */
  const stored = new Map<string, number>()
  let failing = false
  let readBacks = 0
  let listener: RoomListener | undefined
  let restored: () => void = () => {}
  const relay: RoomRelay = {
    join: async (_room, heard) => {
      listener = heard
    },
    leave: () => {},
    commit: () => {},
    awareness: () => {},
    askPresence: () => {},
    head: () => {},
    heldElsewhere: async () => false,
    onLinkRestored: (heard) => {
      restored = heard
    },
  }
  const quiet = { debug: () => {}, warn: () => {}, error: () => {} }
  const peers = new RoomPeers(
    relay,
    {
      since: async () => {
        readBacks += 1
        if (failing) throw new Error('the storage is unreachable')
        return { updates: [], heads: new Map(stored) }
      },
    },
    quiet,
    { caughtUp: () => {} },
    () => room as unknown as Room,
    () => [room as unknown as Room],
  )
  return {
    applied,
    sequence,
    stored,
    peers,
    start: async () => {
      await peers.join('r')
      peers.ready(room as unknown as Room)
    },
    heard: () => listener as RoomListener,
    linkRestored: () => restored(),
    readBacks: () => readBacks,
    fail: (on: boolean) => {
      failing = on
    },
  }
}

describe('read-backs of what a node missed', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('looks for a number never stored less and less often, and still reads back a real loss at once', async () => {
    const one = node()
    await one.start()
    // Announced on Redis, never stored: read back at once, then less and less often.
    one.heard().head('x', 1_000_000)
    await vi.advanceTimersByTimeAsync(5 * 60_000)
    expect(one.readBacks()).toBeGreaterThanOrEqual(10)
    expect(one.readBacks()).toBeLessThanOrEqual(25)
    // Then node b's 2 is lost on the way while its 1 and 3 arrive: read back (2 and 3 with
    // it) within 0.1 s.
    one.stored.set('b', 3)
    one.heard().commit(commit('b', 1))
    one.heard().commit(commit('b', 3))
    expect(one.applied).toEqual(['b1'])
    expect(one.sequence.held.get('b')).toBe(1)
    await vi.advanceTimersByTimeAsync(150)
    expect(one.sequence.held.get('b')).toBe(3)
  })

  it('reads back at once when the link comes back, however long it had been waiting', async () => {
    const one = node()
    await one.start()
    one.heard().head('x', 1_000_000)
    await vi.advanceTimersByTimeAsync(5 * 60_000)
    // Node c committed twice while the link was down: nothing says so but the lost link.
    one.stored.set('c', 2)
    one.linkRestored()
    await vi.advanceTimersByTimeAsync(50)
    expect(one.sequence.held.get('c')).toBe(2)
  })

  it('waits longer after each failed read-back while the storage is unreachable, then reads back', async () => {
    const one = node()
    await one.start()
    one.fail(true)
    one.stored.set('b', 2)
    one.heard().commit(commit('b', 2))
    await vi.advanceTimersByTimeAsync(10_000)
    // 0.1 s, then 0.5–1 s, 1–2, 2–4, 4–8: at most five in ten seconds, where one a second is ten.
    expect(one.readBacks()).toBeLessThanOrEqual(5)
    one.fail(false)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(one.sequence.held.get('b')).toBe(2)
  })
})
