import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PublicFeed } from '../../shared/src/schema/publication.js'
import { fromBase64, toBase64 } from '../../shared/src/transparency-check/base64.js'
import { parseCheckpoint } from '../../shared/src/transparency-check/checkpoint.js'
import {
  leafHash,
  rootFromLeaves,
  verifyConsistency,
  verifyInclusion,
} from '../../shared/src/transparency-check/merkle.js'
import { openNote, parseVerifierKey } from '../../shared/src/transparency-check/signed-note.js'
import { decide, publish } from '../helpers/log-tamper.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'

/**
 * Interoperability: what the server publishes — signed checkpoints, entries, inclusion and
 * consistency proofs, past checkpoints — checked by the independent checker written from the
 * RFC 9162 and C2SP text (shared/src/transparency-check), never by the server's own tree code.
 */

const canonicalize = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string
const size = 6

let server: TestServer
let log: string
let publicId: string

const get = async (path: string): Promise<string> => {
  const response = await fetch(`${log}/${path}`)
  expect(response.status, `${path}: ${response.status}`).toBe(200)
  return response.text()
}
const hashes = async (path: string): Promise<Uint8Array[]> =>
  (JSON.parse(await get(path)) as { hashes: string[] }).hashes.map(
    (hash) => fromBase64(hash) as Uint8Array,
  )

beforeAll(async () => {
  server = await startServer()
  const site = await Site.open(server)
  // One at a time: every size the log reaches is signed.
  for (let index = 1; index <= size; index++) await decide({ server, site }, `Decision ${index}`)
  const publicUrl = await publish(server, site)
  publicId = publicUrl.split('/p/')[1] as string
  log = `${server.httpUrl}/api/public/${publicId}/log`
})

afterAll(async () => {
  await server.stop()
  await removeDataDirs()
})

describe("the server's log, checked by the independent checker", () => {
  let leaves: Uint8Array[]
  let roots: Uint8Array[]

  beforeAll(async () => {
    const { entries } = JSON.parse(await get(`entries?start=0&end=${size}`)) as {
      entries: string[]
    }
    leaves = entries.map((entry) => fromBase64(entry) as Uint8Array)
    roots = await Promise.all(
      Array.from({ length: size + 1 }, (_, n) => rootFromLeaves(leaves.slice(0, n))),
    )
  })

  it('signs a C2SP checkpoint whose root is the RFC 6962 root of the entries', async () => {
    const key = await parseVerifierKey(await get('key'))
    const checkpoint = parseCheckpoint(await openNote(await get('checkpoint'), key))
    expect(checkpoint.origin).toBe(key.name)
    expect(checkpoint.size).toBe(size)
    expect(toBase64(checkpoint.rootHash)).toBe(toBase64(roots[size] as Uint8Array))
  })

  it('serves as leaves the RFC 8785 JSON of the records the public feed shows, without hash', async () => {
    const feed = (await (
      await fetch(`${server.httpUrl}/api/public/${publicId}`)
    ).json()) as PublicFeed
    const texts = leaves.map((leaf) => new TextDecoder().decode(leaf))
    for (const [index, text] of texts.entries()) {
      expect(text).toBe(canonicalize(JSON.parse(text)))
      const { hash: _hash, ...record } = feed.records[index] as PublicFeed['records'][number]
      expect(JSON.parse(text)).toEqual(record)
    }
  })

  it('proves every leaf included in every tree that holds it (RFC 9162 §2.1.3)', async () => {
    let checked = 0
    for (let n = 1; n <= size; n++) {
      for (let index = 0; index < n; index++) {
        const proof = await hashes(`proof/inclusion?index=${index}&size=${n}`)
        const leaf = await leafHash(leaves[index] as Uint8Array)
        const root = roots[n] as Uint8Array
        expect(await verifyInclusion(index, n, leaf, proof, root), `${index} in ${n}`).toBe(true)
        // The same proof for a neighbour's leaf must not pass: the check can fail.
        const other = await leafHash(leaves[(index + 1) % n] as Uint8Array)
        if (n > 1) expect(await verifyInclusion(index, n, other, proof, root)).toBe(false)
        checked++
      }
    }
    expect(checked).toBe((size * (size + 1)) / 2)
  })

  it('proves every smaller tree a prefix of every larger one (RFC 9162 §2.1.4)', async () => {
    for (let to = 2; to <= size; to++) {
      for (let from = 1; from < to; from++) {
        const proof = await hashes(`proof/consistency?from=${from}&to=${to}`)
        const [first, second] = [roots[from] as Uint8Array, roots[to] as Uint8Array]
        expect(await verifyConsistency(from, to, first, second, proof), `${from}→${to}`).toBe(true)
        expect(await verifyConsistency(from, to, second, first, proof)).toBe(false)
      }
    }
  })

  it('publishes every past checkpoint, each signed and each consistent with the next', async () => {
    const key = await parseVerifierKey(await get('key'))
    const { checkpoints } = JSON.parse(await get('checkpoints')) as {
      checkpoints: { size: number; root: string; note: string }[]
    }
    expect(checkpoints.map((checkpoint) => checkpoint.size)).toEqual([1, 2, 3, 4, 5, 6])
    for (const stored of checkpoints) {
      const checkpoint = parseCheckpoint(await openNote(stored.note, key))
      expect(checkpoint.size).toBe(stored.size)
      expect(toBase64(checkpoint.rootHash)).toBe(toBase64(roots[stored.size] as Uint8Array))
      expect(stored.root).toBe(toBase64(checkpoint.rootHash))
    }
  })
})
