import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  verify,
} from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  leafHash,
  MerkleTree,
  verifyConsistency,
  verifyInclusion,
} from '../../server/src/domain/records-and-publication/merkle-tree.js'
import type { Publication } from '../../shared/src/schema/publication.js'
import type { ChainRecord } from '../../shared/src/schema/record-chain.js'
import type { ChainVerification } from '../../shared/src/schema/session.js'
import type {
  ConsistencyProof,
  InclusionProof,
  LogCheckpoints,
  LogEntries,
} from '../../shared/src/schema/transparency-log.js'
import { call, expectBadRequest, expectError, ok } from '../helpers/api-cases.js'
import { modeOf } from '../helpers/data-dir.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'

const publicUrl = 'https://records.kota.example'
/** RFC 8785 JSON, loaded as the CommonJS module it is. */
const canonicalize = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string
const b64 = (base64: string) => Buffer.from(base64, 'base64')

/** A C2SP verifier key `<name>+<hex key ID>+<base64(0x01 ‖ key)>`, checked and opened. */
const readVerifierKey = (text: string): { name: string; id: Buffer; key: KeyObject } => {
  // The name has no '+'; base64 may.
  const [name, id] = text.split('+', 2) as [string, string]
  const raw = b64(text.slice(name.length + id.length + 2))
  expect(raw.length).toBe(33)
  expect(raw[0]).toBe(0x01)
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.subarray(1).toString('base64url') },
    format: 'jwk',
  })
  const expectedId = createHash('sha256').update(`${name}\n`).update(raw).digest().subarray(0, 4)
  expect(id).toBe(expectedId.toString('hex'))
  return { name, id: expectedId, key }
}

/** The checkpoint in a signed note, its one signature verified with Node's own Ed25519. */
const openCheckpoint = (note: string, verifierKey: string) => {
  const { name, id, key } = readVerifierKey(verifierKey)
  const [body, signatures] = note.split('\n\n') as [string, string]
  const [origin, size, root, extra] = body.split('\n')
  expect(extra).toBeUndefined()
  const match = /^\u2014 (\S+) (\S+)\n$/.exec(signatures)
  expect(match?.[1]).toBe(name)
  const signature = b64(match?.[2] as string)
  expect(signature.subarray(0, 4)).toEqual(id)
  const signed = verify(null, Buffer.from(`${body}\n`), key, signature.subarray(4))
  return { origin, size: Number(size), root: b64(root as string), signed, name }
}

describe('the transparency log of a workspace', () => {
  let server: TestServer
  let site: Site
  let other: Site
  const log = (path: string, token = site.token, workspaceId = site.workspaceId) =>
    call(server, 'GET', `/api/workspaces/${workspaceId}/log${path}`, { token })
  const text = async (path: string) => {
    const answer = await log(path)
    expect(answer.status, answer.text).toBe(200)
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/)
    return answer.text
  }
  const decide = (title: string) =>
    api(server, 'POST', `/api/workspaces/${site.workspaceId}/decisions`, {
      token: site.token,
      body: { title, text: `The council decides: ${title}.`, outcome: 'adopted' },
    })
  const records = async () =>
    (
      await api<{ records: ChainRecord[] }>(
        server,
        'GET',
        `/api/workspaces/${site.workspaceId}/records`,
        { token: site.token },
      )
    ).records

  beforeAll(async () => {
    server = await startServer({ env: { PUBLIC_URL: publicUrl } })
    site = await Site.open(server)
    other = await Site.open(server, 'Surabaya Green Port')
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('signs the empty log as a C2SP checkpoint of size 0 under the origin <host>/mufakat/<id>', async () => {
    const key = await text('/key')
    const checkpoint = openCheckpoint(await text('/checkpoint'), key)
    expect(checkpoint).toMatchObject({
      origin: `records.kota.example/mufakat/${site.workspaceId}`,
      name: `records.kota.example/mufakat/${site.workspaceId}`,
      size: 0,
      signed: true,
    })
    expect(checkpoint.root.toString('hex')).toBe(createHash('sha256').digest('hex'))
    // One server key, but each log its own name, so a note of one never passes for another's.
    expect(await text('/key')).not.toBe(
      ok<string>(await log('/key', other.token, other.workspaceId)),
    )
  })

  it('signs a new checkpoint each time the log grows, and keeps every one', async () => {
    const key = await text('/key')
    for (const [index, title] of [
      'Open the bus lane',
      'Fund the depot',
      'Plant 500 trees',
    ].entries()) {
      await decide(title)
      const checkpoint = openCheckpoint(await text('/checkpoint'), key)
      expect(checkpoint.signed).toBe(true)
      expect(checkpoint.size).toBe(index + 1)
    }
    const { checkpoints } = ok<LogCheckpoints>(await log('/checkpoints'))
    expect(checkpoints.map((checkpoint) => checkpoint.size)).toEqual([1, 2, 3])
    for (const checkpoint of checkpoints) {
      const opened = openCheckpoint(checkpoint.note, key)
      expect(opened.signed).toBe(true)
      expect(opened.root.toString('base64')).toBe(checkpoint.root)
    }
    const later = ok<LogCheckpoints>(await log('/checkpoints?from=2'))
    expect(later.checkpoints.map((checkpoint) => checkpoint.size)).toEqual([2, 3])
  })

  it('serves each record as its RFC 8785 JSON, and the tree of them is the signed root', async () => {
    const stored = await records()
    const { entries } = ok<LogEntries>(await log(`/entries?start=0&end=${stored.length}`))
    expect(entries.map((entry) => b64(entry).toString('utf8'))).toEqual(
      stored.map(({ hash: _hash, ...record }) => canonicalize(record)),
    )
    const leaf = JSON.parse(b64(entries[1] as string).toString('utf8'))
    expect(leaf).toMatchObject({ sequence: 2, workspaceId: site.workspaceId, kind: 'decision' })
    const tree = MerkleTree.fromLeaves(entries.map(b64))
    const checkpoint = openCheckpoint(await text('/checkpoint'), await text('/key'))
    expect(tree.root()).toEqual(checkpoint.root)
    // `end` is exclusive.
    expect(ok<LogEntries>(await log('/entries?start=1&end=2')).entries).toEqual([entries[1]])
    expect(ok<LogEntries>(await log('/entries?start=2&end=2')).entries).toEqual([])
  })

  it('proves every record included and every past checkpoint consistent with the latest', async () => {
    const { entries } = ok<LogEntries>(await log('/entries?start=0&end=3'))
    const { checkpoints } = ok<LogCheckpoints>(await log('/checkpoints'))
    for (const checkpoint of checkpoints) {
      for (let index = 0; index < checkpoint.size; index++) {
        const proof = ok<InclusionProof>(
          await log(`/proof/inclusion?index=${index}&size=${checkpoint.size}`),
        )
        expect(proof).toMatchObject({ index, size: checkpoint.size })
        const leaf = leafHash(b64(entries[index] as string))
        expect(
          verifyInclusion(
            index,
            checkpoint.size,
            leaf,
            proof.hashes.map(b64),
            b64(checkpoint.root),
          ),
        ).toBe(true)
      }
      const proof = ok<ConsistencyProof>(
        await log(`/proof/consistency?from=${checkpoint.size}&to=3`),
      )
      expect(proof).toMatchObject({ from: checkpoint.size, to: 3 })
      const latest = checkpoints.at(-1)?.root as string
      expect(
        verifyConsistency(
          checkpoint.size,
          3,
          b64(checkpoint.root),
          b64(latest),
          proof.hashes.map(b64),
        ),
      ).toBe(true)
    }
  })

  it('refuses ranges and sizes outside the log with 400 bad_request naming the field', async () => {
    expectBadRequest(await log('/entries?start=2&end=1'), 'end')
    expectBadRequest(await log('/entries?start=0&end=4'), 'end')
    expectBadRequest(await log('/entries?start=0&end=999999999999999'), 'end')
    expectBadRequest(await log('/entries?start=0&end=9999999999999999'), 'end')
    expectBadRequest(await log('/entries?start=-1&end=2'), 'start')
    expectBadRequest(await log('/entries?start=1e0&end=2'), 'start')
    expectBadRequest(await log('/entries?start=0x1&end=2'), 'start')
    expectBadRequest(await log('/entries?start=%201&end=2'), 'start')
    expectBadRequest(await log('/entries?start=0'), 'end')
    expectBadRequest(await log('/proof/inclusion?index=3&size=3'), 'index')
    expectBadRequest(await log('/proof/inclusion?index=0&size=4'), 'size')
    expectBadRequest(await log('/proof/inclusion?index=0&size=0'), 'index')
    expectBadRequest(await log('/proof/inclusion?index=one&size=3'), 'index')
    expectBadRequest(await log('/proof/consistency?from=0&to=3'), 'from')
    expectBadRequest(await log('/proof/consistency?from=3&to=2'), 'to')
    expectBadRequest(await log('/proof/consistency?from=1&to=4'), 'to')
    expectBadRequest(await log('/proof/consistency?from=1.5&to=3'), 'from')
    expectBadRequest(await log('/checkpoints?from=abc'), 'from')
    // The good neighbours of the refused ones.
    ok(await log('/entries?start=0&end=3'))
    ok(await log('/proof/inclusion?index=2&size=3'))
    ok(await log('/proof/consistency?from=3&to=3'))
  })

  it('is for members only; the token of another workspace is refused', async () => {
    expectError(await log('/checkpoint', ''), 401, 'unauthorized')
    expectError(await log('/entries?start=0&end=1', other.token), 403, 'forbidden')
    const observer = await site.join('observer', 'Warga', 'citizen')
    ok(await log('/entries?start=0&end=1', observer.token))
  })

  it('verifies the records against the latest signed checkpoint and says which one', async () => {
    const verification = await api<ChainVerification>(
      server,
      'GET',
      `/api/workspaces/${site.workspaceId}/records/verify`,
      { token: site.token },
    )
    const note = await text('/checkpoint')
    const opened = openCheckpoint(note, await text('/key'))
    expect(verification).toMatchObject({
      ok: true,
      count: 3,
      workspaceId: site.workspaceId,
      checkpoint: { size: 3, root: opened.root.toString('base64'), note },
    })
  })

  describe('published', () => {
    const publish = (body: unknown) =>
      api<Publication>(server, 'PUT', `/api/workspaces/${site.workspaceId}/publication`, {
        token: site.token,
        body,
      })
    const open = (publicId: string, path: string) =>
      call(server, 'GET', `/api/public/${publicId}/log${path}`)

    it('serves the same log to anyone, without a token, once and while it is published', async () => {
      const named = await publish({ published: true, anonymised: false })
      const publicId = named.publicId as string
      for (const path of [
        '/checkpoint',
        '/key',
        '/entries?start=0&end=3',
        '/proof/inclusion?index=1&size=3',
        '/proof/consistency?from=1&to=3',
        '/checkpoints',
      ]) {
        const outside = await open(publicId, path)
        expect(outside.status, `${path}: ${outside.text}`).toBe(200)
        expect(outside.headers.get('access-control-allow-origin')).toBe('*')
        expect(outside.text).toBe((await log(path)).text)
      }
      expectBadRequest(await open(publicId, '/entries?start=0&end=4'), 'end')

      // Anonymised: records name people only by commitment, so the same entries are public.
      await publish({ published: true, anonymised: true })
      expect((await open(publicId, '/entries?start=0&end=3')).text).toBe(
        (await log('/entries?start=0&end=3')).text,
      )
      ok(await open(publicId, '/checkpoint'))
      ok(await open(publicId, '/proof/consistency?from=1&to=3'))

      await publish({ published: false })
      expectError(await open(publicId, '/checkpoint'), 404, 'not_found')
      expectError(await open('nobodyknowsthisone', '/key'), 404, 'not_found')
    })
  })
})

describe('the log signing key', () => {
  afterAll(() => removeDataDirs())

  it('is created once under DATA_DIR with mode 0600, and the same key signs after a restart', async () => {
    const first = await startServer()
    const site = await Site.open(first)
    const path = `/api/workspaces/${site.workspaceId}/log`
    await api(first, 'POST', `/api/workspaces/${site.workspaceId}/decisions`, {
      token: site.token,
      body: { title: 'Keep the market', text: 'Kept.', outcome: 'adopted' },
    })
    const keyFile = join(first.dataDir, 'log-signing-key.pem')
    expect(modeOf(keyFile)).toBe(0o600)
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    const key = (await call(first, 'GET', `${path}/key`, { token: site.token })).text
    const note = (await call(first, 'GET', `${path}/checkpoint`, { token: site.token })).text
    await first.stop()

    const second = await startServer({ dataDir: first.dataDir })
    expect((await call(second, 'GET', `${path}/key`, { token: site.token })).text).toBe(key)
    expect((await call(second, 'GET', `${path}/checkpoint`, { token: site.token })).text).toBe(note)
    expect(openCheckpoint(note, key).signed).toBe(true)
    await second.stop()
  })

  it('is taken from LOG_SIGNING_KEY when given (no key file), and a rotation re-signs the log', async () => {
    const { privateKey } = generateKeyPairSync('ed25519')
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')
    const given = await startServer({ env: { LOG_SIGNING_KEY: pem } })
    expect(existsSync(join(given.dataDir, 'log-signing-key.pem'))).toBe(false)
    const site = await Site.open(given)
    const path = `/api/workspaces/${site.workspaceId}/log`
    await api(given, 'POST', `/api/workspaces/${site.workspaceId}/decisions`, {
      token: site.token,
      body: { title: 'Close the road', text: 'Closed.', outcome: 'adopted' },
    })
    const key = (await call(given, 'GET', `${path}/key`, { token: site.token })).text
    const raw = Buffer.from(
      createPublicKey(privateKey).export({ format: 'jwk' }).x as string,
      'base64url',
    )
    expect(key.split('+').slice(2).join('+')).toBe(
      Buffer.concat([Buffer.of(1), raw]).toString('base64'),
    )
    const note = (await call(given, 'GET', `${path}/checkpoint`, { token: site.token })).text
    expect(openCheckpoint(note, key).signed).toBe(true)
    await given.stop()

    // The same data with another key (one line of base64 DER): the log is signed anew by it.
    const rotated = generateKeyPairSync('ed25519').privateKey
    const oneLine = rotated.export({ format: 'der', type: 'pkcs8' }).toString('base64')
    expect(oneLine).not.toBe(der)
    const after = await startServer({ dataDir: given.dataDir, env: { LOG_SIGNING_KEY: oneLine } })
    const newKey = (await call(after, 'GET', `${path}/key`, { token: site.token })).text
    expect(newKey).not.toBe(key)
    const newNote = (await call(after, 'GET', `${path}/checkpoint`, { token: site.token })).text
    expect(openCheckpoint(newNote, newKey)).toMatchObject({ signed: true, size: 1 })
    const { checkpoints } = ok<LogCheckpoints>(
      await call(after, 'GET', `${path}/checkpoints`, { token: site.token }),
    )
    expect(checkpoints.map((checkpoint) => checkpoint.note)).toEqual([note, newNote])
    const verification = await api<ChainVerification>(
      after,
      'GET',
      `/api/workspaces/${site.workspaceId}/records/verify`,
      { token: site.token },
    )
    expect(verification).toMatchObject({ ok: true, checkpoint: { size: 1, note: newNote } })
    await after.stop()
  })

  it('stops the server when LOG_SIGNING_KEY is not an Ed25519 private key', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString()
    for (const bad of ['not a key', rsa]) {
      await expect(startServer({ env: { LOG_SIGNING_KEY: bad } })).rejects.toThrow(
        /LOG_SIGNING_KEY/,
      )
    }
  })
})
