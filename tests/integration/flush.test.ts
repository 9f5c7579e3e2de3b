import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, expect, it } from 'vitest'
import { destroyClients, waitForSynced } from '../helpers/clients.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { makeDataDir, removeDataDirs, startServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

/**
 * The durability promise is checked by counting the flushes the server makes (fsync and
 * fdatasync system calls, traced by strace), not by reading the pragma back.
 */
const countFlushes = async (durability: string, edits: number): Promise<number> => {
  const traceFile = join(makeDataDir(), 'flushes.trace')
  const server = await startServer({
    env: { DURABILITY: durability },
    wrapper: ['strace', '-f', '-qq', '-e', 'trace=fsync,fdatasync', '-o', traceFile],
  })
  const site = await Site.open(server)
  const writer = await site.connect('flushes')
  const reader = await site.connect('flushes')
  await Promise.all([waitForSynced(writer), waitForSynced(reader)])
  const items = writer.doc.getArray<number>('items')
  for (let i = 0; i < edits; i++) {
    items.push([i])
    // Wait for the relay, which comes after the commit: each edit is its own commit.
    await waitFor(() => reader.doc.getArray('items').length === i + 1, `edit ${i} to arrive`)
  }
  expect(await server.stop()).toBe(0)
  return readFileSync(traceFile, 'utf8')
    .split('\n')
    .filter((line) => /\b(fsync|fdatasync)\(/.test(line)).length
}

// strace is found or installed by the global setup (tests/helpers/test-machine.ts).
describeSqliteOnly('flushes to disk', () => {
  it('flushes every commit before relaying it with DURABILITY=full, and not with normal', async () => {
    const edits = 40
    const full = await countFlushes('full', edits)
    const normal = await countFlushes('normal', edits)
    expect(full).toBeGreaterThanOrEqual(edits)
    expect(normal).toBeLessThan(edits / 2)
  })
})
