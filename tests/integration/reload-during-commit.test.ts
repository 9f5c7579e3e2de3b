import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

/**
 * A person on a slow phone reloads while the server's commits are slow: the page either comes
 * back empty (nothing cached) or with its own copy (an offline cache) and sends it again. Either
 * way every edit is stored once, and what anyone was shown survives a kill -9. Runs on the
 * engine TEST_ENGINE names (SQLite by default, PostgreSQL with TEST_ENGINE=postgres).
 */
describe('reload during a slow commit', () => {
  it('keeps each edit exactly once through reloads mid-commit and a kill -9', async () => {
    const server = await startServer({ env: { TEST_FAULT_SLOW_COMMITS_MS: '600' } })
    const site = await Site.open(server)
    const room = await site.room('reload')
    const params = { token: site.token }
    const observer = await site.connect('reload')
    let writer = connectClient(server, room, { params })
    await Promise.all([waitForSynced(observer), waitForSynced(writer)])
    const seen = () => observer.doc.getArray<string>('tokens').toArray()
    const typed: string[] = []
    const type = (count: number) => {
      for (let i = 0; i < count; i++) {
        const token = `t${typed.length}`
        typed.push(token)
        writer.doc.getArray<string>('tokens').push([token])
      }
    }

    type(5)
    // A reload with nothing cached, while those five are in or behind the slow commit.
    writer.destroy()
    writer = connectClient(server, room, { params })
    await waitForSynced(writer)
    type(5)
    // A reload that restores its own copy (an offline cache) and sends all of it again.
    const cached = Y.encodeStateAsUpdate(writer.doc)
    writer.destroy()
    const restored = new Y.Doc()
    Y.applyUpdate(restored, cached)
    writer = connectClient(server, room, { params, doc: restored })
    await waitForSynced(writer)
    type(5)
    await waitFor(() => seen().length >= typed.length, 'the observer to see every edit')
    expect(seen()).toEqual(typed)

    expect(await server.stop('SIGKILL')).toBe('SIGKILL')
    const restarted = await startServer({ dataDir: server.dataDir })
    const stored = (await site.on(restarted).read('reload', { arrays: ['tokens'] }))
      .tokens as string[]
    expect(stored).toEqual(typed)
    await restarted.stop()
  })
})
