import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { type Client, destroyClients, waitForSynced } from '../helpers/clients.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { readMetric } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

const commits = 'mufakat_store_commit_seconds_count'

/** The states of a peer's list, each time it changed: what was relayed to it, in order. */
const watch = (peer: Client): string[][] => {
  const seen: string[][] = []
  const items = peer.doc.getArray<string>('items')
  items.observe(() => seen.push(items.toArray()))
  return seen
}

/** Resolves once the server has applied what `writer` sent before (awareness is relayed at once). */
const applied = async (writer: Client, peer: Client, mark: string): Promise<void> => {
  writer.provider.awareness.setLocalStateField('mark', mark)
  await waitFor(
    () => [...peer.provider.awareness.getStates().values()].some((state) => state.mark === mark),
    `the server to apply what came before ${mark}`,
  )
}

describe('group commit', () => {
  it('gathers the updates of many rooms that arrive during one slow commit into the next, relayed in order', async () => {
    // Every commit takes a second once under way, as on a slow disk.
    const server = await startServer({ env: { TEST_FAULT_SLOW_COMMITS_MS: '1000' } })
    const site = await Site.open(server)
    const rooms = ['Mobility', 'Energy', 'Water', 'Housing', 'Health', 'Waste']
    const pairs = await Promise.all(
      rooms.map(async (title) => ({
        writer: await site.connect(title),
        peer: await site.connect(title),
      })),
    )
    await Promise.all(
      pairs.flatMap(({ writer, peer }) => [waitForSynced(writer), waitForSynced(peer)]),
    )
    const [first, ...others] = pairs
    if (!first) throw new Error('no rooms')
    const seen = pairs.map(({ peer }) => watch(peer))
    const before = await readMetric(server.httpUrl, commits)

    // One update starts a commit; once the server holds it, that commit is under way.
    first.writer.doc.getArray<string>('items').push(['first'])
    await applied(first.writer, first.peer, 'started')
    // Meanwhile every room, the first included, sends several updates, one message each.
    first.writer.doc.getArray<string>('items').push(['second'])
    for (const { writer } of others) {
      for (const item of ['a', 'b', 'c']) writer.doc.getArray<string>('items').push([item])
    }
    await Promise.all(others.map(({ writer, peer }) => applied(writer, peer, 'sent')))
    // Nothing of theirs is relayed while the first commit is under way.
    expect(seen.slice(1).every((states) => states.length === 0)).toBe(true)

    await waitFor(
      () =>
        pairs.every(
          ({ peer }, index) => peer.doc.getArray('items').length === (index === 0 ? 2 : 3),
        ),
      'every update to reach its peer',
    )
    // Two commits in all: the first, then one for everything that gathered behind it.
    expect((await readMetric(server.httpUrl, commits)) - before).toBe(2)
    // Each room's updates came in the order they were sent: the first room's in two relays.
    expect(seen[0]).toEqual([['first'], ['first', 'second']])
    for (const states of seen.slice(1)) expect(states).toEqual([['a', 'b', 'c']])
    await server.stop()
  })

  it('answers a client that joins during a commit only once what it is sent is stored', async () => {
    const server = await startServer({ env: { TEST_FAULT_SLOW_COMMITS_MS: '1000' } })
    const site = await Site.open(server)
    const writer = await site.connect('Mobility')
    const peer = await site.connect('Mobility')
    await Promise.all([waitForSynced(writer), waitForSynced(peer)])
    const before = await readMetric(server.httpUrl, commits)
    writer.doc.getArray<string>('items').push(['first'])
    await applied(writer, peer, 'started')
    // The room's update is in the commit under way; one more arrives behind it.
    writer.doc.getArray<string>('items').push(['second'])
    await applied(writer, peer, 'second sent')
    const late = await site.connect('Mobility')
    await waitForSynced(late)
    // Its first answer already held both: each was stored before it went out.
    expect(late.doc.getArray('items').toArray()).toEqual(['first', 'second'])
    expect((await readMetric(server.httpUrl, commits)) - before).toBe(2)
    await server.stop()
  })
})
