import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  auditLog,
  EntriesWithheld,
  type LogReader,
  type SeenCheckpoint,
} from '../../shared/src/transparency-check/log-audit.js'
import { leafHash, rootFromLeaves } from '../../shared/src/transparency-check/merkle.js'
import {
  firstUnsignedShown,
  shownRecordsProblem,
} from '../../shared/src/transparency-check/shown-records.js'

/**
 * The look an outsider takes at a log (command and browser alike), against a log kept here in
 * memory and signed with Node's own Ed25519, so every way a log can lie is easy to stage. The
 * real server's log is checked end to end in transparency-log-tamper.test.ts.
 */

interface Signer {
  name: string
  privateKey: KeyObject
  vkey: string
}

const signer = (name: string): Signer => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url')
  const id = createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.of(1), raw]))
    .digest()
    .subarray(0, 4)
  return {
    name,
    privateKey,
    vkey: `${name}+${id.toString('hex')}+${Buffer.concat([Buffer.of(1), raw]).toString('base64')}`,
  }
}

const workspaceId = 'ws-audit'
const origin = `city.example/mufakat/${workspaceId}`
const record = (sequence: number, title: string, workspace = workspaceId): Uint8Array =>
  new TextEncoder().encode(
    JSON.stringify({ kind: 'decision', sequence, title, workspaceId: workspace }),
  )

interface StagedLog {
  entries: Uint8Array[]
  signer: Signer
  /** The key the server publishes (the signer's, unless staged otherwise). */
  publishedKey?: string
  /** The origin line signed (the log's, unless staged otherwise). */
  origin?: string
  /** Entries per page of the entries endpoint. */
  page?: number
  /** Served instead of the entries the checkpoint was computed from. */
  served?: Uint8Array[]
  /** Entries refused, as for a record published anonymised. */
  withheld?: boolean
}

const serve = async (log: StagedLog): Promise<LogReader> => {
  const root = Buffer.from(await rootFromLeaves(log.entries)).toString('base64')
  const body = `${log.origin ?? origin}\n${log.entries.length}\n${root}\n`
  const keyId = Buffer.from(log.signer.vkey.split('+')[1] as string, 'hex')
  const signature = sign(null, Buffer.from(body), log.signer.privateKey)
  const note = `${body}\n— ${log.signer.name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`
  const served = log.served ?? log.entries
  return async (path) => {
    const url = new URL(path, 'https://log.test/')
    const start = Number(url.searchParams.get('start'))
    const end = Number(url.searchParams.get('end'))
    switch (url.pathname) {
      case '/key':
        return `${log.publishedKey ?? log.signer.vkey}\n`
      case '/checkpoint':
        return note
      case '/entries': {
        if (log.withheld) throw new EntriesWithheld()
        const page = served.slice(start, Math.min(end, start + (log.page ?? 1000)))
        return JSON.stringify({
          entries: page.map((entry) => Buffer.from(entry).toString('base64')),
        })
      }
      case '/proof/consistency': {
        // Only the proof this file asks for: from 1 leaf to 2, the second leaf's hash.
        const [, second] = log.entries
        if (url.searchParams.get('from') !== '1' || url.searchParams.get('to') !== '2' || !second) {
          throw new Error(`no staged proof for ${path}`)
        }
        const hash = Buffer.from(await leafHash(second)).toString('base64')
        return JSON.stringify({ from: 1, to: 2, hashes: [hash] })
      }
      default:
        throw new Error(`${path} answered 404`)
    }
  }
}

const look = async (log: StagedLog, previous?: SeenCheckpoint, key?: string) =>
  auditLog(await serve(log), {
    ...(previous && { previous }),
    ...(key !== undefined && { key }),
    now: new Date('2027-03-03T10:00:00Z'),
  })

const firstLook = async (log: StagedLog): Promise<SeenCheckpoint> => {
  const audit = await look(log)
  if (!audit.ok) throw new Error(audit.message)
  return audit.checkpoint
}

describe('an outside look at a log', () => {
  const city = signer(origin)
  const two = [record(1, 'Adopt the plan'), record(2, 'Sign the depot agreement')]

  it('accepts an honest log, and one that only grew since the last look', async () => {
    const first = await firstLook({ entries: two.slice(0, 1), signer: city })
    expect(first).toMatchObject({
      origin,
      size: 1,
      key: city.vkey,
      seenAt: '2027-03-03T10:00:00.000Z',
    })
    const again = await look({ entries: two.slice(0, 1), signer: city }, first)
    expect(again).toMatchObject({ ok: true, previous: first, checkpoint: { size: 1 } })
    const grown = await look({ entries: two, signer: city }, first)
    expect(grown).toMatchObject({ ok: true, checkpoint: { size: 2 } })
    // A long log comes page by page.
    const many = Array.from({ length: 7 }, (_, index) => record(index + 1, `decision ${index}`))
    expect(await firstLook({ entries: many, signer: city, page: 3 })).toMatchObject({ size: 7 })
  })

  it('catches a truncated log and a rewritten one, after one honest look', async () => {
    const seen = await firstLook({ entries: two, signer: city })
    const truncated = await look({ entries: two.slice(0, 1), signer: city }, seen)
    expect(truncated).toMatchObject({ ok: false, problem: 'truncated' })
    const rewritten = [two[0] as Uint8Array, record(2, 'Sign a different agreement')]
    const audit = await look({ entries: rewritten, signer: city }, seen)
    expect(audit).toMatchObject({ ok: false, problem: 'inconsistent' })
    // Without the earlier look, the same rewrite is a valid log: what the state file is for.
    expect(await look({ entries: rewritten, signer: city })).toMatchObject({ ok: true })
  })

  it('checks the signature and the growth of a log whose entries are withheld', async () => {
    const seen = await firstLook({ entries: two.slice(0, 1), signer: city, withheld: true })
    const grown = await look({ entries: two, signer: city, withheld: true }, seen)
    expect(grown).toMatchObject({ ok: true, entriesChecked: false, checkpoint: { size: 2 } })
    const rewritten = [record(1, 'Adopt another plan'), two[1] as Uint8Array]
    expect(await look({ entries: rewritten, signer: city, withheld: true }, seen)).toMatchObject({
      ok: false,
      problem: 'inconsistent',
    })
    expect(await look({ entries: two, signer: city })).toMatchObject({ entriesChecked: true })
  })

  it('catches a changed key, a checkpoint not signed by the pinned key, and a key of another log', async () => {
    const seen = await firstLook({ entries: two, signer: city })
    const operator = signer(origin)
    const rekeyed = await look({ entries: two, signer: operator }, seen)
    expect(rekeyed).toMatchObject({ ok: false, problem: 'key-changed' })
    // A rotation the reader learnt of elsewhere: given, the new key replaces the old one, and
    // the log must still extend what was seen.
    expect(await look({ entries: two, signer: operator }, seen, operator.vkey)).toMatchObject({
      ok: true,
      checkpoint: { key: operator.vkey },
    })
    const rewritten = [two[0] as Uint8Array, record(2, 'Another agreement')]
    expect(await look({ entries: rewritten, signer: operator }, seen, operator.vkey)).toMatchObject(
      { ok: false, problem: 'inconsistent' },
    )
    const pinned = await look({ entries: two, signer: operator }, undefined, city.vkey)
    expect(pinned).toMatchObject({ ok: false, problem: 'bad-signature' })
    const other = signer('city.example/mufakat/another')
    expect(await look({ entries: two, signer: other })).toMatchObject({
      ok: false,
      problem: 'bad-signature',
    })
  })

  it('catches entries that are not what was signed, or not of this workspace', async () => {
    const edited = [two[0] as Uint8Array, record(2, 'Sign the depot agreement!')]
    expect(await look({ entries: two, signer: city, served: edited })).toMatchObject({
      ok: false,
      problem: 'entries-mismatch',
    })
    const moved = [two[0] as Uint8Array, record(2, 'Sign the depot agreement', 'ws-other')]
    const audit = await look({ entries: moved, signer: city })
    expect(audit).toMatchObject({ ok: false, problem: 'entries-mismatch' })
    expect(audit.ok || audit.message).toContain('ws-other')
    const renumbered = [two[0] as Uint8Array, record(3, 'Sign the depot agreement')]
    expect(await look({ entries: renumbered, signer: city })).toMatchObject({
      ok: false,
      problem: 'entries-mismatch',
    })
    expect(await look({ entries: two, signer: city, served: two.slice(0, 1) })).toMatchObject({
      ok: false,
      problem: 'entries-mismatch',
    })
  })
})

describe('what a server shows, against what its log signed', () => {
  const logged = [
    { kind: 'decision', sequence: 1, title: 'Adopt', present: [{ id: 'p1', name: 'Sari' }] },
  ]
  it('accepts the same records in any key order, with their hash', () => {
    const shown = [
      {
        present: [{ name: 'Sari', id: 'p1' }],
        title: 'Adopt',
        sequence: 1,
        kind: 'decision',
        hash: 'h',
      },
    ]
    expect(shownRecordsProblem(shown, logged)).toBeUndefined()
    expect(shownRecordsProblem([], logged)).toBeUndefined()
  })
  it('names a record shown differently, and one shown but never signed', () => {
    const edited = [{ ...logged[0], present: [{ id: 'p1', name: 'Budi' }], hash: 'h' }]
    expect(shownRecordsProblem(edited, logged)).toContain('record 1')
    const extra = [
      { ...logged[0], hash: 'h' },
      { kind: 'decision', sequence: 2 },
    ]
    expect(shownRecordsProblem(extra, logged)).toContain('record 2 was never signed')
    // The page's check names the record by number, the same way.
    expect(firstUnsignedShown(edited, logged)).toBe(1)
    expect(firstUnsignedShown(extra, logged)).toBe(2)
    expect(firstUnsignedShown([{ ...logged[0], hash: 'h' }], logged)).toBeUndefined()
    // Names replaced: only the count is compared with the signed size.
    expect(firstUnsignedShown(extra, { size: 1 })).toBe(2)
    expect(firstUnsignedShown(edited, { size: 1 })).toBeUndefined()
  })
})
