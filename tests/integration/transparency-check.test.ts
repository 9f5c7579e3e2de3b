import { createHash, generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fromBase64, toBase64 } from '../../shared/src/transparency-check/base64.js'
import { parseCheckpoint } from '../../shared/src/transparency-check/checkpoint.js'
import {
  leafHash,
  nodeHash,
  rootFromLeaves,
  verifyConsistency,
  verifyInclusion,
} from '../../shared/src/transparency-check/merkle.js'
import { openNote, parseVerifierKey } from '../../shared/src/transparency-check/signed-note.js'

/**
 * The checker of published logs against the standards' own examples — it must agree with them,
 * not with the server that builds Mufakat's logs (that agreement is tested end to end elsewhere).
 */

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'))
const b64 = (text: string | null | undefined): Uint8Array =>
  text ? Uint8Array.from(Buffer.from(text, 'base64')) : new Uint8Array()
const bytesOf = (values: readonly (string | null)[] | null): Uint8Array[] => (values ?? []).map(b64)

/** The leaves and roots of github.com/transparency-dev/merkle testonly/constants.go (Apache-2.0). */
const leafInputs = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657']
  .concat('606162636465666768696a6b6c6d6e6f')
  .map(hex)
const rootHashes = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex)

interface InclusionVector {
  file: string
  leafIdx: number
  treeSize: number
  root: string | null
  leafHash: string | null
  proof: (string | null)[] | null
  wantErr: boolean
}
interface ConsistencyVector {
  file: string
  size1: number
  size2: number
  root1: string | null
  root2: string | null
  proof: (string | null)[] | null
  wantErr: boolean
}
/** github.com/transparency-dev/merkle testdata/{inclusion,consistency}, copied unchanged. */
const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/merkle-proof-vectors.json', import.meta.url), 'utf8'),
) as { inclusion: InclusionVector[]; consistency: ConsistencyVector[] }

describe('the Merkle tree, against RFC 6962 test vectors', () => {
  it('hashes leaves and nodes with their RFC 6962 prefixes', async () => {
    // rfc6962/rfc6962_test.go: "RFC6962 Leaf", "RFC6962 Empty Leaf", "RFC6962 Node".
    expect(Buffer.from(await leafHash(new TextEncoder().encode('L123456'))).toString('hex')).toBe(
      '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56',
    )
    expect(Buffer.from(await leafHash(new Uint8Array())).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    )
    const node = await nodeHash(new TextEncoder().encode('N123'), new TextEncoder().encode('N456'))
    expect(Buffer.from(node).toString('hex')).toBe(
      'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
    )
  })

  it('computes the root of every tree of 0 to 8 leaves', async () => {
    for (const [size, root] of rootHashes.entries()) {
      expect(await rootFromLeaves(leafInputs.slice(0, size)), `size ${size}`).toEqual(root)
    }
  })

  it(`accepts exactly the valid inclusion proofs (${vectors.inclusion.length} vectors)`, async () => {
    expect(vectors.inclusion.filter((vector) => !vector.wantErr).length).toBeGreaterThan(4)
    for (const vector of vectors.inclusion) {
      const valid = await verifyInclusion(
        vector.leafIdx,
        vector.treeSize,
        b64(vector.leafHash),
        bytesOf(vector.proof),
        b64(vector.root),
      )
      expect(valid, vector.file).toBe(!vector.wantErr)
    }
  })

  it(`accepts exactly the valid consistency proofs (${vectors.consistency.length} vectors)`, async () => {
    expect(vectors.consistency.filter((vector) => !vector.wantErr).length).toBeGreaterThan(4)
    for (const vector of vectors.consistency) {
      const valid = await verifyConsistency(
        vector.size1,
        vector.size2,
        b64(vector.root1),
        b64(vector.root2),
        bytesOf(vector.proof),
      )
      expect(valid, vector.file).toBe(!vector.wantErr)
    }
  })
})

describe('base64, strictly', () => {
  it('round-trips and refuses what a lenient decoder would repair', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 32, 33]) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 37 + 11) % 256)
      const text = toBase64(bytes)
      expect(text).toBe(Buffer.from(bytes).toString('base64'))
      expect(fromBase64(text)).toEqual(bytes)
    }
    for (const bad of ['QQ', 'QR==', 'QQ=A', 'Q===', 'QUJD\n', 'QUJ-', 'QUJD====']) {
      expect(fromBase64(bad), bad).toBeUndefined()
    }
  })
})

describe('C2SP signed notes and checkpoints', () => {
  // The example of https://c2sp.org/signed-note ("Verifier keys", "Example").
  const vkey = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'
  const note =
    'This is an example message.\n\n' +
    '— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n'

  it('verifies the specification example and returns its text', async () => {
    const key = await parseVerifierKey(vkey)
    expect(key).toMatchObject({ name: 'example.com/foo', keyId: '530d903a' })
    expect(await openNote(note, key)).toBe('This is an example message.\n')
  })

  it('ignores signatures by other keys, and needs one by the pinned key', async () => {
    const key = await parseVerifierKey(vkey)
    const witness =
      '— witness.example/w AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n'
    expect(await openNote(`${note}${witness}`, key)).toBe('This is an example message.\n')
    const withoutOurs = `This is an example message.\n\n${witness}`
    await expect(openNote(withoutOurs, key)).rejects.toThrow(/not signed by the key/)
  })

  it('refuses a changed text, a changed signature and a malformed note', async () => {
    const key = await parseVerifierKey(vkey)
    await expect(openNote(note.replace('example', 'exemplary'), key)).rejects.toThrow(
      /does not verify/,
    )
    await expect(openNote(note.replace('Uw2QOkn8', 'Uw2QOkn9'), key)).rejects.toThrow(
      /does not verify/,
    )
    await expect(openNote('This is an example message.\n', key)).rejects.toThrow(/signature block/)
    await expect(openNote(note.replace('message.', 'message.\r'), key)).rejects.toThrow(/control/)
  })

  it('reads a verifier key whose base64 part holds "+"', async () => {
    // Key names have no "+", so only the first two separate the parts (found by a random key).
    let material = ''
    while (!material.includes('+')) {
      const raw = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x as string
      material = Buffer.concat([Buffer.of(1), Buffer.from(raw, 'base64url')]).toString('base64')
    }
    const publicKey = Buffer.from(material, 'base64').subarray(1)
    const name = 'city.example/mufakat/ws'
    const id = createHash('sha256')
      .update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.of(1), publicKey]))
      .digest('hex')
      .slice(0, 8)
    expect((await parseVerifierKey(`${name}+${id}+${material}`)).publicKey).toEqual(
      new Uint8Array(publicKey),
    )
  })

  it('refuses a verifier key whose ID does not match, or of another type', async () => {
    await expect(parseVerifierKey(vkey.replace('530d903a', '530d903b'))).rejects.toThrow(/ID/)
    await expect(
      parseVerifierKey(vkey.replace('example.com/foo', 'example.com/bar')),
    ).rejects.toThrow(/ID/)
    await expect(parseVerifierKey(vkey.replace('+AekyeR', '+AukyeR'))).rejects.toThrow(/Ed25519/)
    await expect(parseVerifierKey('example.com/foo')).rejects.toThrow(/three parts/)
  })

  it('reads a tlog-checkpoint body and refuses malformed ones', () => {
    // The example of https://c2sp.org/tlog-checkpoint.
    const body =
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'
    const checkpoint = parseCheckpoint(body)
    expect(checkpoint).toMatchObject({ origin: 'example.com/behind-the-sofa', size: 20852163 })
    expect(toBase64(checkpoint.rootHash)).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=')
    expect(parseCheckpoint(`${body.slice(0, -1)}\nextension\n`).extensions).toEqual(['extension'])
    for (const bad of [
      body.replace('20852163', '020852163'),
      body.replace('20852163', '-1'),
      body.replace('CsUYap', 'CsUY'),
      body.slice(0, -1),
      `\n${body}`,
      `${body}\n`,
    ]) {
      expect(() => parseCheckpoint(bad), JSON.stringify(bad)).toThrow()
    }
  })
})
