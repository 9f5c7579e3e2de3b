import { createHash } from 'node:crypto'

/**
 * RFC 6962 / RFC 9162 §2.1 Merkle tree hashing with SHA-256: plain functions over bytes.
 * Leaf hash SHA-256(0x00 ‖ leaf), node hash SHA-256(0x01 ‖ left ‖ right), the empty tree's hash
 * SHA-256 of nothing. Sizes and indexes are JavaScript numbers (exact below 2^53), so halving is
 * done with division, never with 32-bit shifts.
 */

const sha256 = (...parts: readonly Uint8Array[]): Buffer => {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  return hash.digest()
}

const leafPrefix = Uint8Array.of(0)
const nodePrefix = Uint8Array.of(1)

export const leafHash = (leaf: Uint8Array): Buffer => sha256(leafPrefix, leaf)
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer =>
  sha256(nodePrefix, left, right)
export const emptyTreeHash = (): Buffer => sha256()

/** The k of RFC 9162: the largest power of two smaller than n (n > 1). */
const splitPoint = (n: number): number => {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

const isPowerOfTwo = (n: number): boolean => n > 0 && Number.isInteger(Math.log2(n))

const half = (n: number): number => Math.floor(n / 2)
const odd = (n: number): boolean => n % 2 === 1

/**
 * A tree over leaf hashes that keeps the hash of every complete, aligned subtree, so the root of
 * any prefix and any proof cost O(log n) node hashes after one O(n) build.
 */
export class MerkleTree {
  /** levels[h][i]: the hash of leaves [i·2^h, (i+1)·2^h). */
  readonly #levels: Buffer[][]

  constructor(leafHashes: readonly Buffer[]) {
    const levels: Buffer[][] = [[...leafHashes]]
    for (let below = levels[0] as Buffer[]; below.length > 1; ) {
      const level: Buffer[] = []
      for (let i = 0; i + 1 < below.length; i += 2) {
        level.push(nodeHash(below[i] as Buffer, below[i + 1] as Buffer))
      }
      levels.push(level)
      below = level
    }
    this.#levels = levels
  }

  static fromLeaves(leaves: readonly Uint8Array[]): MerkleTree {
    return new MerkleTree(leaves.map(leafHash))
  }

  get size(): number {
    return (this.#levels[0] as Buffer[]).length
  }

  /** MTH of the first `size` leaves: the root of the tree as it was at that size. */
  root(size = this.size): Buffer {
    this.#within(size)
    return size === 0 ? emptyTreeHash() : this.#subtree(0, size)
  }

  /** RFC 9162 §2.1.3.1 PATH(index, D[size]). */
  inclusionProof(index: number, size: number): Buffer[] {
    this.#within(size)
    if (!(index >= 0 && index < size)) throw new RangeError(`index ${index} not below ${size}`)
    return this.#path(index, 0, size)
  }

  /** RFC 9162 §2.1.4.1 PROOF(from, D[to]), for 0 < from ≤ to. */
  consistencyProof(from: number, to: number): Buffer[] {
    this.#within(to)
    if (!(from >= 1 && from <= to)) throw new RangeError(`no consistency proof from ${from}`)
    return this.#subproof(from, 0, to, true)
  }

  #within(size: number): void {
    if (!(Number.isSafeInteger(size) && size >= 0 && size <= this.size)) {
      throw new RangeError(`size ${size} is not within the tree of ${this.size}`)
    }
  }

  /** MTH(D[start : start + n]) for n ≥ 1, from stored complete subtrees. */
  #subtree(start: number, n: number): Buffer {
    if (isPowerOfTwo(n) && start % n === 0) {
      return (this.#levels[Math.log2(n)] as Buffer[])[start / n] as Buffer
    }
    const k = splitPoint(n)
    return nodeHash(this.#subtree(start, k), this.#subtree(start + k, n - k))
  }

  #path(m: number, start: number, n: number): Buffer[] {
    if (n === 1) return []
    const k = splitPoint(n)
    return m < k
      ? [...this.#path(m, start, k), this.#subtree(start + k, n - k)]
      : [...this.#path(m - k, start + k, n - k), this.#subtree(start, k)]
  }

  #subproof(m: number, start: number, n: number, whole: boolean): Buffer[] {
    if (m === n) return whole ? [] : [this.#subtree(start, n)]
    const k = splitPoint(n)
    return m <= k
      ? [...this.#subproof(m, start, k, whole), this.#subtree(start + k, n - k)]
      : [...this.#subproof(m - k, start + k, n - k, false), this.#subtree(start, k)]
  }
}

const same = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i])

/** Every hash a proof speaks of is a SHA-256: anything else is refused, never compared. */
const hashes = (...values: readonly Uint8Array[]): boolean =>
  values.every((value) => value.length === 32)

/** RFC 9162 §2.1.3.2: does `proof` take `leaf` (a leaf hash) at `index` to `root` of `size`? */
export const verifyInclusion = (
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean => {
  if (!(index >= 0 && index < size) || !hashes(leaf, root, ...proof)) return false
  let fn = index
  let sn = size - 1
  let r: Uint8Array = leaf
  for (const p of proof) {
    if (sn === 0) return false
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r)
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn)
          sn = half(sn)
        }
      }
    } else {
      r = nodeHash(r, p)
    }
    fn = half(fn)
    sn = half(sn)
  }
  return sn === 0 && same(r, root)
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree `root2` of `size2` extends `root1` of `size1`? */
export const verifyConsistency = (
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean => {
  // Nothing is proved about the empty tree (RFC 9162 asks 0 < size1).
  if (!(size1 >= 1 && size1 <= size2) || !hashes(root1, root2, ...proof)) return false
  if (size1 === size2) return proof.length === 0 && same(root1, root2)
  if (proof.length === 0) return false
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof]
  let fn = size1 - 1
  let sn = size2 - 1
  while (odd(fn)) {
    fn = half(fn)
    sn = half(sn)
  }
  let fr = path[0] as Uint8Array
  let sr = path[0] as Uint8Array
  for (const c of path.slice(1)) {
    if (sn === 0) return false
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr)
      sr = nodeHash(c, sr)
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn)
          sn = half(sn)
        }
      }
    } else {
      sr = nodeHash(sr, c)
    }
    fn = half(fn)
    sn = half(sn)
  }
  return same(fr, root1) && same(sr, root2) && sn === 0
}
