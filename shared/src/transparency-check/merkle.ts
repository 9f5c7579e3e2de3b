import { equalBytes, sha256 } from './platform.js'

/**
 * The Merkle tree of RFC 6962 §2.1 / RFC 9162 §2.1, written from the RFC text for checking what a
 * log publishes; it shares no code with the server that builds the log, so a mistake in one is
 * not repeated, unseen, in the other.
 */

const leafPrefix = Uint8Array.of(0x00)
const nodePrefix = Uint8Array.of(0x01)

/** MTH({d}) = SHA-256(0x00 || d). */
export const leafHash = (leaf: Uint8Array): Promise<Uint8Array> => sha256(leafPrefix, leaf)

/** SHA-256(0x01 || left || right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Promise<Uint8Array> =>
  sha256(nodePrefix, left, right)

/**
 * MTH of the leaves whose hashes are given, in order; the empty tree's root is SHA-256 of nothing.
 * Kept as a stack of perfect subtrees (the binary digits of the count): each leaf merges with the
 * equal-sized subtrees before it, and at the end the remaining ones fold from the right, which is
 * RFC 6962's split at the largest power of two below n, without recursion.
 */
export const rootFromLeafHashes = async (hashes: readonly Uint8Array[]): Promise<Uint8Array> => {
  if (hashes.length === 0) return sha256()
  const stack: Uint8Array[] = []
  for (const [index, hash] of hashes.entries()) {
    let merged = hash
    for (let count = index; count & 1; count >>= 1) {
      const left = stack.pop()
      if (!left) throw new Error('unreachable: a set bit always has its subtree on the stack')
      merged = await nodeHash(left, merged)
    }
    stack.push(merged)
  }
  let root = stack.pop() as Uint8Array
  while (stack.length > 0) root = await nodeHash(stack.pop() as Uint8Array, root)
  return root
}

export const rootFromLeaves = async (leaves: readonly Uint8Array[]): Promise<Uint8Array> =>
  rootFromLeafHashes(await Promise.all(leaves.map(leafHash)))

// Tree sizes may pass 2^31, where bitwise operators wrap: halve and test parity arithmetically.
const isOdd = (n: number): boolean => n % 2 === 1
const half = (n: number): number => Math.floor(n / 2)
const isValidSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0
const isHash = (bytes: Uint8Array): boolean => bytes.length === 32

/** RFC 9162 §2.1.3.2: does `proof` show the leaf with hash `hash` at `index` in the tree `root`? */
export const verifyInclusion = async (
  index: number,
  size: number,
  hash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<boolean> => {
  if (!isValidSize(index) || !isValidSize(size) || index >= size) return false
  if (![hash, root, ...proof].every(isHash)) return false
  let fn = index
  let sn = size - 1
  let r = hash
  for (const p of proof) {
    if (sn === 0) return false
    if (isOdd(fn) || fn === sn) {
      r = await nodeHash(p, r)
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn)
          sn = half(sn)
        }
      }
    } else {
      r = await nodeHash(r, p)
    }
    fn = half(fn)
    sn = half(sn)
  }
  return sn === 0 && equalBytes(r, root)
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `size1` leaves with root `root1` is a
 * prefix of the tree of `size2` leaves with root `root2`? Equal sizes need an empty proof and
 * equal roots.
 */
export const verifyConsistency = async (
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<boolean> => {
  if (!isValidSize(size1) || !isValidSize(size2) || size1 > size2) return false
  // Nothing is proven about an empty tree (every tree extends it): a caller handles that case.
  if (size1 === 0) return false
  if (size1 === size2) return proof.length === 0 && equalBytes(root1, root2)
  if (![root1, root2, ...proof].every(isHash)) return false
  if (proof.length === 0) return false
  const path = powerOfTwo(size1) ? [root1, ...proof] : [...proof]
  let fn = size1 - 1
  let sn = size2 - 1
  while (isOdd(fn)) {
    fn = half(fn)
    sn = half(sn)
  }
  const [first, ...rest] = path as [Uint8Array, ...Uint8Array[]]
  let fr = first
  let sr = first
  for (const c of rest) {
    if (sn === 0) return false
    if (isOdd(fn) || fn === sn) {
      fr = await nodeHash(c, fr)
      sr = await nodeHash(c, sr)
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn)
          sn = half(sn)
        }
      }
    } else {
      sr = await nodeHash(sr, c)
    }
    fn = half(fn)
    sn = half(sn)
  }
  return sn === 0 && equalBytes(fr, root1) && equalBytes(sr, root2)
}

/** Exact powers of two, for any safe integer (not only those bitwise operators reach). */
const powerOfTwo = (n: number): boolean => {
  if (n < 1) return false
  let m = n
  while (m > 1) {
    if (isOdd(m)) return false
    m = half(m)
  }
  return true
}
