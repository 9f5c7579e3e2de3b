import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import { CommitSequence } from '../../server/src/sync/commit-sequence.js'
import { CommitSequences } from '../../server/src/sync/commit-sequences.js'
import type { RelayedCommit } from '../../server/src/sync/ports.js'

const commit = (seq: number, origin = 'b'): RelayedCommit => ({
  origin,
  seq,
  update: new Uint8Array([seq]),
  writers: [],
})

describe('commit sequence: other nodes’ commits apply in number order, a gap is never passed over', () => {
  it('holds back a commit that overtook an earlier one, and applies both once it arrives', () => {
    const sequence = new CommitSequence(3)
    expect(sequence.heard(commit(5))).toEqual([])
    expect(sequence.behind).toBe(true)
    expect(sequence.heard(commit(4)).map(({ seq }) => seq)).toEqual([4, 5])
    expect(sequence.behind).toBe(false)
    // Repeats and old numbers change nothing.
    expect(sequence.heard(commit(5))).toEqual([])
    expect(sequence.heard(commit(2))).toEqual([])
    expect(sequence.seq).toBe(5)
  })

  it('counts its own stored commits, and reads back what it missed', () => {
    const sequence = new CommitSequence(0)
    // This node stored 3 while 1 and 2 (another node's) were lost on the way.
    expect(sequence.stored(3)).toEqual([])
    expect(sequence.heard(commit(4))).toEqual([])
    expect(sequence).toMatchObject({ behind: true, seq: 0, latest: 3 })
    // The storage answers up to 3: 4 waited and now applies; 3 is not applied twice.
    expect(sequence.caughtUp(3).map(({ seq }) => seq)).toEqual([4])
    expect(sequence).toMatchObject({ behind: false, seq: 4, latest: 4 })
  })

  it('applies every commit exactly once, in order, whatever the delivery (seeded)', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const random = prng.create(seed)
      const total = 200
      const sequence = new CommitSequence(0)
      const applied: number[] = []
      const own = new Set<number>()
      const pending = Array.from({ length: total }, (_, index) => index + 1)
      // Shuffled a little (messages race), some dropped (a link down), some this node's own.
      for (let i = pending.length - 1; i > 0; i--) {
        if (prng.bool(random)) continue
        const j = Math.max(0, i - prng.int32(random, 0, 3))
        ;[pending[i], pending[j]] = [pending[j] as number, pending[i] as number]
      }
      for (const seq of pending) {
        const roll = prng.real53(random)
        if (roll < 0.1) continue
        if (roll < 0.3) {
          own.add(seq)
          applied.push(...sequence.stored(seq).map((heard) => heard.seq))
        } else {
          applied.push(...sequence.heard(commit(seq)).map((heard) => heard.seq))
        }
        // Now and then the node reads back what it missed, as the sync core does when behind.
        if (sequence.behind && prng.real53(random) < 0.05) {
          const upTo = sequence.latest
          for (let missed = sequence.seq + 1; missed <= upTo; missed++)
            if (!own.has(missed)) applied.push(missed)
          applied.push(...sequence.caughtUp(upTo).map((heard) => heard.seq))
        }
      }
      if (sequence.seq < total) {
        for (let missed = sequence.seq + 1; missed <= total; missed++)
          if (!own.has(missed) && !applied.includes(missed)) applied.push(missed)
        sequence.caughtUp(total)
      }
      // Every other node's commit applied; this node's own only if read back before it was
      // stored here (the storage had it first: applying it twice changes nothing in Yjs).
      const missing = Array.from({ length: total }, (_, index) => index + 1).filter(
        (seq) => !own.has(seq) && !applied.includes(seq),
      )
      expect({ seed, missing }).toEqual({ seed, missing: [] })
      expect(new Set(applied).size).toBe(applied.length)
      // In number order: each applies onto the document the ones before it made.
      expect(applied).toEqual([...applied].sort((a, b) => a - b))
      expect(sequence).toMatchObject({ seq: total, behind: false })
    }
  })
})

describe('commit sequences: each node numbers its own commits, and a commit waits only for its own node’s', () => {
  const heard = (ready: RelayedCommit[]) => ready.map(({ origin, seq }) => `${origin}${seq}`)

  it('applies a node’s commit at once while another node’s earlier one is still on its way', () => {
    const sequences = new CommitSequences(
      'a',
      new Map([
        ['a', 2],
        ['b', 5],
      ]),
    )
    // c has not committed before: its first commit is its 1.
    expect(heard(sequences.heard(commit(1, 'c')))).toEqual(['c1'])
    // b's 7 overtook b's 6: it waits, and c's next does not wait for it.
    expect(heard(sequences.heard(commit(7, 'b')))).toEqual([])
    expect(heard(sequences.heard(commit(2, 'c')))).toEqual(['c2'])
    expect(sequences.behind).toBe(true)
    expect(heard(sequences.heard(commit(6, 'b')))).toEqual(['b6', 'b7'])
    expect(sequences.behind).toBe(false)
    // This node's own numbers are its own: b's numbers say nothing of them.
    expect(sequences.stored(3)).toEqual([])
    expect(sequences.ownLatest).toBe(3)
    expect(sequences.held).toEqual(
      new Map([
        ['a', 3],
        ['b', 7],
        ['c', 2],
      ]),
    )
  })

  it('reads back per node: what the storage answered up to, and what waited past it', () => {
    const sequences = new CommitSequences('a', new Map([['b', 1]]))
    expect(sequences.heard(commit(4, 'b'))).toEqual([])
    expect(sequences.heard(commit(3, 'c'))).toEqual([])
    expect(sequences.lacks('b', 3)).toBe(true)
    expect(sequences.lacks('a', 0)).toBe(false)
    // The storage holds b's up to 3 and c's up to 2: b's 4 and c's 3 waited and now apply.
    expect(
      heard(
        sequences.caughtUp(
          new Map([
            ['b', 3],
            ['c', 2],
          ]),
        ),
      ),
    ).toEqual(['b4', 'c3'])
    expect(sequences.behind).toBe(false)
  })
})
