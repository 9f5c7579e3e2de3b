import { diffArrays } from 'diff'

/** How much work one comparison may do before it settles for a coarser answer. */
export interface CompareLimits {
  /** Most insertions plus deletions Myers' algorithm explores for one stretch. */
  maxEdits: number
  /** Milliseconds one request may spend on all its stretches together. */
  timeoutMs: number
}

/** One run of a two-sequence diff: kept, removed from the first, or added by the second. */
export interface SequenceRun {
  op: 'same' | 'removed' | 'added'
  items: string[]
}

/** Nesting of anchor passes inside gaps; deeper gaps go straight to Myers. */
const maxAnchorDepth = 8

/**
 * Patience anchors: the pairs of tokens that occur exactly once in each range, longest run of
 * them in the same order in both (patience sorting, O(n log n)).
 */
const uniqueAnchors = (
  a: readonly string[],
  [a0, a1]: [number, number],
  b: readonly string[],
  [b0, b1]: [number, number],
): [number, number][] => {
  const seen = new Map<string, { inA: number; inB: number; i: number; j: number }>()
  for (let i = a0; i < a1; i++) {
    const entry = seen.get(a[i] as string)
    if (entry) entry.inA++
    else seen.set(a[i] as string, { inA: 1, inB: 0, i, j: -1 })
  }
  for (let j = b0; j < b1; j++) {
    const entry = seen.get(b[j] as string)
    if (entry) {
      entry.inB++
      entry.j = j
    }
  }
  // In order of their place in `a`: the map keeps the order tokens were first seen.
  const pairs = [...seen.values()].filter((entry) => entry.inA === 1 && entry.inB === 1)
  const tails: number[] = []
  const previous: number[] = []
  pairs.forEach((pair, index) => {
    let low = 0
    let high = tails.length
    while (low < high) {
      const middle = (low + high) >> 1
      if ((pairs[tails[middle] as number] as { j: number }).j < pair.j) low = middle + 1
      else high = middle
    }
    previous[index] = low > 0 ? (tails[low - 1] as number) : -1
    tails[low] = index
  })
  const anchors: [number, number][] = []
  for (let index = tails.at(-1) ?? -1; index >= 0; index = previous[index] as number) {
    const pair = pairs[index] as { i: number; j: number }
    anchors.push([pair.i, pair.j])
  }
  return anchors.reverse()
}

/**
 * The work budget of one request. Every stretch it matches spends from the same deadline, so a
 * document of many changed paragraphs cannot multiply the limit.
 */
export class CompareBudget {
  readonly #deadline: number

  constructor(private readonly limits: CompareLimits) {
    this.#deadline = Date.now() + limits.timeoutMs
  }

  /**
   * The runs that turn `before` into `after`. Tokens unique to both sides anchor the match
   * (patience diff), and the gaps between anchors go to Myers' O(ND) diff from `diff`. A gap that
   * would take more edits or time than the budget allows is reported as removed and added whole:
   * always a true account of the change, only a coarser one.
   */
  match(before: string[], after: string[]): SequenceRun[] {
    const runs: SequenceRun[] = []
    const push = (op: SequenceRun['op'], items: readonly string[]) => {
      if (items.length === 0) return
      const last = runs.at(-1)
      if (last?.op !== op) runs.push({ op, items: [...items] })
      else for (const item of items) last.items.push(item)
    }
    this.#matchRange(before, [0, before.length], after, [0, after.length], 0, push)
    return runs
  }

  #matchRange(
    a: string[],
    [aLow, aHigh]: [number, number],
    b: string[],
    [bLow, bHigh]: [number, number],
    depth: number,
    push: (op: SequenceRun['op'], items: readonly string[]) => void,
  ): void {
    let start = 0
    while (aLow + start < aHigh && bLow + start < bHigh && a[aLow + start] === b[bLow + start])
      start++
    let end = 0
    while (
      aHigh - end > aLow + start &&
      bHigh - end > bLow + start &&
      a[aHigh - 1 - end] === b[bHigh - 1 - end]
    )
      end++
    push('same', a.slice(aLow, aLow + start))
    const rangeA: [number, number] = [aLow + start, aHigh - end]
    const rangeB: [number, number] = [bLow + start, bHigh - end]
    const anchors = depth < maxAnchorDepth ? uniqueAnchors(a, rangeA, b, rangeB) : []
    if (anchors.length === 0) {
      this.#myers(a.slice(...rangeA), b.slice(...rangeB), push)
    } else {
      let i = rangeA[0]
      let j = rangeB[0]
      for (const [anchorA, anchorB] of anchors) {
        this.#matchRange(a, [i, anchorA], b, [j, anchorB], depth + 1, push)
        push('same', [a[anchorA] as string])
        i = anchorA + 1
        j = anchorB + 1
      }
      this.#matchRange(a, [i, rangeA[1]], b, [j, rangeB[1]], depth + 1, push)
    }
    push('same', a.slice(aHigh - end, aHigh))
  }

  #myers(
    before: string[],
    after: string[],
    push: (op: SequenceRun['op'], items: readonly string[]) => void,
  ): void {
    const timeout = this.#deadline - Date.now()
    // With the common ends trimmed, one token against one token (or nothing) cannot match.
    const worthMatching = before.length > 0 && after.length > 0 && before.length + after.length > 2
    const changes =
      worthMatching && timeout > 0
        ? diffArrays(before, after, { maxEditLength: this.limits.maxEdits, timeout })
        : undefined
    if (!changes) {
      push('removed', before)
      push('added', after)
      return
    }
    for (const change of changes) {
      push(change.added ? 'added' : change.removed ? 'removed' : 'same', change.value)
    }
  }
}
