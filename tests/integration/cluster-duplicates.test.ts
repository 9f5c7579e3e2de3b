import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  type Client,
  connectClient,
  connectRaw,
  destroyClients,
  type RawSocket,
  receivedUpdates,
  syncStep1Frame,
  waitForSynced,
} from '../helpers/clients.js'
import { describeWithCluster, startCluster, type TestCluster } from '../helpers/cluster.js'
import { removeDataDirs, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { readMetric } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

/** Node 0 holds its commits this long: the other node's commit lands inside the window. */
const holdCommitsMs = 4000
/** More updates than a commit merges one by one (room.ts encodes larger ones from the doc). */
const localWrites = 24

/** How many times each item arrived on a raw socket, in any update or sync step 2. */
const arrivals = (socket: RawSocket): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const update of receivedUpdates(socket.received)) {
    for (const struct of Y.decodeUpdate(update).structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
      for (const item of struct.content.arr) {
        if (typeof item === 'string') counts.set(item, (counts.get(item) ?? 0) + 1)
      }
    }
  }
  return counts
}

const items = (doc: Y.Doc): string[] => doc.getArray<string>('items').toArray()

/**
 * Each update reaches each client once, whichever node it came through: a node whose own commit
 * is large (encoded from its document) must not carry in it what another node committed and it
 * already relayed to its clients meanwhile.
 */
await describeWithCluster('cluster: each update reaches each client once', () => {
  let cluster: TestCluster
  let site: Site
  const node = (index: number) => cluster.nodes[index] as TestServer
  const sockets: RawSocket[] = []

  beforeAll(async () => {
    cluster = await startCluster(2, {
      nodeEnv: (index): Record<string, string> =>
        index === 0 ? { TEST_FAULT_HOLD_COMMITS_MS: String(holdCommitsMs) } : {},
    })
    site = await Site.open(node(1))
  }, 120_000)
  afterEach(() => {
    destroyClients()
    for (const socket of sockets.splice(0)) socket.ws.close()
  })
  afterAll(async () => {
    await cluster?.close()
    await removeDataDirs()
  })

  const params = () => ({ token: site.token })
  const updatesTaken = () => readMetric(node(0).httpUrl, 'mufakat_updates_received_total')

  /**
   * A new room with a raw socket on node 0 that counts what it receives, a writer on node 0 and
   * one on node 1, all synced.
   */
  const openRoom = async (title: string) => {
    const room = await site.room(title)
    const receiver = await connectRaw(node(0), `${room}?token=${encodeURIComponent(site.token)}`)
    sockets.push(receiver)
    receiver.send(syncStep1Frame(new Y.Doc()))
    const here = connectClient(node(0), room, { params: params() })
    const there = connectClient(node(1), room, { params: params() })
    await Promise.all([waitForSynced(here), waitForSynced(there)])
    return { room, receiver, here, there }
  }

  /** Node 0 takes many updates of `writer` and holds them uncommitted; answers their items. */
  const holdManyOnNode0 = async (writer: Client): Promise<string[]> => {
    const before = await updatesTaken()
    const local = Array.from({ length: localWrites }, (_, index) => `here-${index}`)
    for (const item of local) writer.doc.getArray<string>('items').push([item])
    await waitFor(
      async () => (await updatesTaken()) >= before + localWrites,
      'node 0 to take every local update',
    )
    return local
  }

  /** Node 0's own commit goes out when its hold ends; then each item arrived exactly once. */
  const expectEachOnce = async (receiver: RawSocket, written: readonly string[]) => {
    await waitFor(
      () => written.every((item) => arrivals(receiver).has(item)),
      'node 0’s own commit',
      holdCommitsMs * 3,
    )
    const counts = arrivals(receiver)
    expect([...counts.entries()].filter(([, times]) => times !== 1)).toEqual([])
    expect(counts.size).toBe(written.length)
  }

  /** Nothing lost: a node that loads the room afresh reads every item from PostgreSQL, once. */
  const expectStored = async (room: string, written: readonly string[]) => {
    const fresh = cluster.nodes[2] ?? (await cluster.start(2))
    const reader = connectClient(fresh, room, { params: params() })
    await waitForSynced(reader, 20_000)
    const stored = items(reader.doc)
    expect(stored.length).toBe(written.length)
    expect(new Set(stored)).toEqual(new Set(written))
  }

  it('a large commit on one node does not send again what another node committed meanwhile', async () => {
    const { room, receiver, here, there } = await openRoom('twice')

    const local = await holdManyOnNode0(here)
    // Node 1 commits one meanwhile, which node 0 relays to its clients at once.
    there.doc.getArray<string>('items').push(['there'])
    await waitFor(() => arrivals(receiver).has('there'), 'the other node’s update relayed')
    expect(local.some((item) => arrivals(receiver).has(item))).toBe(false)

    await expectEachOnce(receiver, [...local, 'there'])
    await expectStored(room, [...local, 'there'])
  })

  it('a client that moves to the holding node mid-commit keeps what it wrote on each node', async () => {
    const { room, receiver, here, there: mover } = await openRoom('moved')

    const local = await holdManyOnNode0(here)
    // The same client id writes through node 1 (relayed to node 0)…
    mover.doc.getArray<string>('items').push(['moved-1'])
    await waitFor(() => arrivals(receiver).has('moved-1'), 'the moving client’s first item')
    // …then through node 0, inside the same uncommitted window: node 0 cannot leave out that
    // client's content by its clock, so it must fall back to its own updates, losing none.
    mover.provider.destroy()
    const before = await updatesTaken()
    const moved = connectClient(node(0), room, { doc: mover.doc, params: params() })
    await waitFor(() => moved.provider.wsconnected, 'the moved client to connect')
    mover.doc.getArray<string>('items').push(['moved-2'])
    await waitFor(async () => (await updatesTaken()) > before, 'node 0 to take the moved write')

    await expectEachOnce(receiver, [...local, 'moved-1', 'moved-2'])
    await expectStored(room, [...local, 'moved-1', 'moved-2'])
  })
})
