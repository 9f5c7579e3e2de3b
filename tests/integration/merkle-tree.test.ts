import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  emptyTreeHash,
  leafHash,
  MerkleTree,
  verifyConsistency,
  verifyInclusion,
} from '../../server/src/domain/records-and-publication/merkle-tree.js'

/** Published RFC 6962 vectors and probes: see `source` in the file for where they come from. */
interface Vectors {
  source: string
  leafInputsHex: string[]
  rootHashesHex: string[]
  inclusion: {
    file: string
    leafIdx: number
    treeSize: number
    root: string | null
    leafHash: string | null
    proof: string[] | null
    wantErr: boolean
  }[]
  consistency: {
    file: string
    size1: number
    size2: number
    root1: string | null
    root2: string | null
    proof: string[] | null
    wantErr: boolean
  }[]
}

const vectors = JSON.parse(
  readFileSync(new URL('../vectors/rfc6962-merkle.json', import.meta.url), 'utf8'),
) as Vectors
const bytes = (base64: string | null) => Buffer.from(base64 ?? '', 'base64')
const hex = (value: Uint8Array) => Buffer.from(value).toString('hex')
const leaves = vectors.leafInputsHex.map((leaf) => Buffer.from(leaf, 'hex'))
const tree = MerkleTree.fromLeaves(leaves)
const happy = (file: string) => file.endsWith('/happy-path.json')

describe('the RFC 6962 Merkle tree (transparency-dev/merkle vectors)', () => {
  it('computes the published root of every prefix of the 8-leaf tree, the empty one included', () => {
    expect(hex(emptyTreeHash())).toBe(vectors.rootHashesHex[0])
    expect(leaves.map((_, i) => hex(tree.root(i + 1)))).toEqual(vectors.rootHashesHex.slice(1))
    // Built from any prefix alone, a tree has the same root: nothing depends on later leaves.
    for (let size = 0; size <= leaves.length; size++) {
      expect(hex(MerkleTree.fromLeaves(leaves.slice(0, size)).root())).toBe(
        vectors.rootHashesHex[size],
      )
    }
  })

  it('makes exactly the published inclusion and consistency proofs', () => {
    const inclusions = vectors.inclusion.filter((probe) => happy(probe.file))
    const consistencies = vectors.consistency.filter((probe) => happy(probe.file))
    expect(inclusions.length).toBeGreaterThanOrEqual(4)
    expect(consistencies.length).toBeGreaterThanOrEqual(4)
    for (const probe of inclusions) {
      if (probe.treeSize > leaves.length) continue
      expect(hex(leafHash(leaves[probe.leafIdx] as Buffer)), probe.file).toBe(
        hex(bytes(probe.leafHash)),
      )
      expect(tree.inclusionProof(probe.leafIdx, probe.treeSize).map(hex), probe.file).toEqual(
        (probe.proof ?? []).map((hash) => hex(bytes(hash))),
      )
    }
    for (const probe of consistencies) {
      expect(tree.consistencyProof(probe.size1, probe.size2).map(hex), probe.file).toEqual(
        (probe.proof ?? []).map((hash) => hex(bytes(hash))),
      )
    }
  })

  it('accepts every good probe and refuses every bad one', () => {
    // Stricter than the Go library by choice: a "hash" that is not 32 bytes is refused even
    // where it would not change the answer (equal sizes, equal junk roots).
    const junk = (...values: (string | null)[]) =>
      values.some((value) => bytes(value).length !== 32)
    const wrong = [
      ...vectors.inclusion.filter(
        (probe) =>
          verifyInclusion(
            probe.leafIdx,
            probe.treeSize,
            bytes(probe.leafHash),
            (probe.proof ?? []).map(bytes),
            bytes(probe.root),
          ) === (probe.wantErr || junk(probe.root, probe.leafHash, ...(probe.proof ?? []))),
      ),
      ...vectors.consistency.filter(
        (probe) =>
          verifyConsistency(
            probe.size1,
            probe.size2,
            bytes(probe.root1),
            bytes(probe.root2),
            (probe.proof ?? []).map(bytes),
          ) === (probe.wantErr || junk(probe.root1, probe.root2, ...(probe.proof ?? []))),
      ),
    ].map((probe) => probe.file)
    expect(wrong).toEqual([])
    expect(vectors.inclusion.filter((probe) => probe.wantErr).length).toBeGreaterThan(50)
  })

  it('proves every leaf in every tree size up to 40, and every pair of sizes consistent', () => {
    const many = Array.from({ length: 40 }, (_, i) => Buffer.from(`record ${i}`))
    const big = MerkleTree.fromLeaves(many)
    for (let size = 1; size <= many.length; size++) {
      const root = big.root(size)
      for (let index = 0; index < size; index++) {
        const leaf = leafHash(many[index] as Buffer)
        const proof = big.inclusionProof(index, size)
        expect(verifyInclusion(index, size, leaf, proof, root)).toBe(true)
        // The same proof does not prove a neighbour, nor this leaf at another size.
        if (size > 1) {
          const other = leafHash(many[(index + 1) % size] as Buffer)
          expect(verifyInclusion(index, size, other, proof, root)).toBe(false)
        }
      }
      for (let from = 1; from <= size; from++) {
        const proof = big.consistencyProof(from, size)
        expect(verifyConsistency(from, size, big.root(from), root, proof)).toBe(true)
        if (from < size) {
          const forged = MerkleTree.fromLeaves([Buffer.from('forged'), ...many.slice(1, from)])
          expect(verifyConsistency(from, size, forged.root(), root, proof)).toBe(false)
        }
      }
    }
  })

  it('refuses sizes and indexes outside the tree instead of answering a wrong proof', () => {
    expect(() => tree.root(9)).toThrow(RangeError)
    expect(() => tree.inclusionProof(8, 8)).toThrow(RangeError)
    expect(() => tree.inclusionProof(0, 9)).toThrow(RangeError)
    expect(() => tree.consistencyProof(0, 4)).toThrow(RangeError)
    expect(() => tree.consistencyProof(5, 4)).toThrow(RangeError)
    expect(() => tree.consistencyProof(4, 9)).toThrow(RangeError)
  })
})
