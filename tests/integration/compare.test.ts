import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { BlockChange, Version, WordChange } from '../../shared/src/schema/version.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { paragraph, saved, text, write } from '../helpers/plan-text.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'

/** A field of /proc/<pid>/status in bytes, e.g. VmRSS (now) or VmHWM (the peak). */
const memory = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]
  if (!kib) throw new Error(`no ${field} in /proc/${pid}/status`)
  return Number(kib) * 1024
}

/** Opens a document as two clients, writes `before`, saves it as a version, then writes `after`. */
const versionThenEdit = async (
  server: TestServer,
  site: Site,
  title: string,
  before: string,
  after: string,
): Promise<{ documentId: string; versionId: string }> => {
  const document = await site.document(title)
  const [writer, reader] = [0, 1].map(() =>
    connectClient(server, document.room, { params: { token: site.token } }),
  ) as [ReturnType<typeof connectClient>, ReturnType<typeof connectClient>]
  await Promise.all([waitForSynced(writer), waitForSynced(reader)])
  write(writer, [paragraph(text(before))])
  await saved(writer, reader)
  const { version } = await api<{ version: Version }>(
    server,
    'POST',
    `/api/documents/${document.id}/versions`,
    { token: site.token, body: { name: 'before' } },
  )
  write(writer, [paragraph(text(after))])
  await saved(writer, reader)
  return { documentId: document.id, versionId: version.id }
}

const compare = (server: TestServer, site: Site, documentId: string, versionId: string) =>
  api<{ changes: BlockChange[] }>(
    server,
    'GET',
    `/api/documents/${documentId}/compare?from=${versionId}&to=live`,
    { token: site.token },
  )

/** A change without who made it (compare-authors.test.ts is about that), words included. */
const withoutAuthors = <T extends { by?: unknown; insertedBy?: unknown; removedBy?: unknown }>({
  by: _by,
  insertedBy: _inserted,
  removedBy: _removed,
  ...change
}: T): Omit<T, 'by' | 'insertedBy' | 'removedBy'> => {
  const words = (change as { words?: WordChange[] }).words
  return words ? { ...change, words: words.map(withoutAuthors) } : change
}

const wordsOf = (count: number, changed: (index: number) => boolean) =>
  Array.from({ length: count }, (_, index) => (changed(index) ? `new${index}` : `word${index}`))

describe('comparing versions, with limits on the work one request may do', () => {
  let server: TestServer
  let site: Site
  beforeAll(async () => {
    // No deadline in this test: the outcome must not depend on how busy the machine is.
    server = await startServer({ env: { COMPARE_TIMEOUT_MS: '600000' } })
    site = await Site.open(server)
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('marks every changed word of a 20,000-word paragraph, with little memory', async () => {
    const before = wordsOf(20_000, () => false)
    const after = wordsOf(20_000, (index) => index % 5 === 4)
    const { documentId, versionId } = await versionThenEdit(
      server,
      site,
      'long paragraph',
      before.join(' '),
      after.join(' '),
    )
    // Reset the peak, so VmHWM afterwards is the peak of this comparison alone.
    writeFileSync(`/proc/${server.pid}/clear_refs`, '5')
    const baseline = memory(server.pid, 'VmRSS')
    const started = performance.now()
    const { changes } = await compare(server, site, documentId, versionId)
    const elapsed = performance.now() - started
    const growth = memory(server.pid, 'VmHWM') - baseline
    console.info(
      `20,000-word compare: ${Math.round(elapsed)} ms, peak RSS +${(growth / 2 ** 20).toFixed(1)} MB`,
    )
    expect(growth).toBeLessThan(50 * 2 ** 20)

    expect(changes).toHaveLength(1)
    const [change] = changes as [BlockChange]
    expect(change.op).toBe('changed')
    const words = change.words ?? []
    const join = (ops: string[]) =>
      words
        .filter((word) => ops.includes(word.op))
        .map((word) => word.text)
        .join('')
    expect(join(['same', 'removed'])).toBe(before.join(' '))
    expect(join(['same', 'added'])).toBe(after.join(' '))
    // Exactly the replaced words are marked, one removal and one addition each.
    const removed = words.filter((word) => word.op === 'removed').map((word) => word.text.trim())
    const added = words.filter((word) => word.op === 'added').map((word) => word.text.trim())
    expect(removed).toEqual(before.filter((_, index) => index % 5 === 4))
    expect(added).toEqual(after.filter((_, index) => index % 5 === 4))
  })
})

describe('a comparison past its limit', () => {
  let server: TestServer
  let site: Site
  beforeAll(async () => {
    server = await startServer({ env: { COMPARE_MAX_EDITS: '20' } })
    site = await Site.open(server)
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('marks words within the limit, and shows a block replaced whole past it', async () => {
    const small = await versionThenEdit(
      server,
      site,
      'small change',
      'Plant trees along the river.',
      'Plant 500 trees along the canal.',
    )
    const { changes: fine } = await compare(server, site, small.documentId, small.versionId)
    expect(fine[0]?.words?.map(withoutAuthors)).toEqual([
      { op: 'same', text: 'Plant ' },
      { op: 'added', text: '500 ' },
      { op: 'same', text: 'trees along the ' },
      { op: 'removed', text: 'river.' },
      { op: 'added', text: 'canal.' },
    ])

    // No word occurs once on each side, so nothing anchors the match: Myers alone needs 80 edits.
    const before = 'a b c d e '.repeat(40).trim()
    const after = 'a b c d f '.repeat(40).trim()
    const large = await versionThenEdit(server, site, 'large change', before, after)
    const { changes: coarse } = await compare(server, site, large.documentId, large.versionId)
    expect(coarse.map(withoutAuthors)).toEqual([
      {
        op: 'changed',
        type: 'paragraph',
        before,
        after,
        words: [
          { op: 'same', text: 'a b c d ' },
          { op: 'removed', text: before.slice('a b c d '.length) },
          { op: 'added', text: after.slice('a b c d '.length) },
        ],
      },
    ])
  })
})
