import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { roomStorageOver } from '../../server/src/room-storage.js'
import { openStorage } from '../../server/src/store/open-storage.js'
import { type Client, connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import {
  describeWithCluster,
  killRedisConnections,
  nodeId,
  type OwnRedis,
  ownRedis,
  startCluster,
  type TestCluster,
} from '../helpers/cluster.js'
import { redisUrl } from '../helpers/redis.js'
import { removeDataDirs, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { readMetric } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

const items = (client: Client): string[] => client.doc.getArray<string>('items').toArray()

/** Every client holds every item written, each once, in the same order. */
const holdsAll = (clients: readonly Client[], written: ReadonlySet<string>): boolean =>
  clients.every((client) => {
    const held = items(client)
    return (
      held.length === written.size &&
      held.every((item) => written.has(item)) &&
      JSON.stringify(held) === JSON.stringify(items(clients[0] as Client))
    )
  })

/** Writers pushing numbered items, one each per turn of the timer, until stopped. */
const writeContinuously = (clients: readonly Client[], written: Set<string>) => {
  let round = 0
  const timer = setInterval(() => {
    round += 1
    for (const [index, client] of clients.entries()) {
      const item = `w${index}-${round}`
      client.doc.getArray<string>('items').push([item])
      written.add(item)
    }
  }, 5)
  return () => clearInterval(timer)
}

/** A fresh node's reader: what the database holds, loaded from it. */
const storedItems = async (server: TestServer, room: string, token: string): Promise<string[]> => {
  const reader = connectClient(server, room, { params: { token } })
  await waitForSynced(reader, 20_000)
  const held = items(reader)
  reader.destroy()
  return held
}

await describeWithCluster('cluster failures: a node killed, a node paused, a link cut', () => {
  let cluster: TestCluster
  let site: Site
  const node = (index: number) => cluster.nodes[index] as TestServer

  beforeAll(async () => {
    cluster = await startCluster(3)
    site = await Site.open(node(0))
  }, 120_000)
  afterEach(() => destroyClients())
  afterAll(async () => {
    await cluster?.close()
    await removeDataDirs()
  })

  it('a commit stored by a node that died before relaying it reaches the others’ clients at their next commit', async () => {
    const room = await site.room('never relayed')
    const params = { token: site.token }
    const clients = [0, 1].map((index) => connectClient(node(index), room, { params }))
    await Promise.all(clients.map((client) => waitForSynced(client)))
    // Stored under a node's name, never published: in the database only, as if that node died
    // between its COMMIT and its PUBLISH.
    const storage = await openStorage(
      { engine: 'postgres', url: cluster.database.url, cluster: true },
      { logger: { info: () => {}, error: () => {} }, effectFailed: () => undefined },
    )
    try {
      const ghost = new Y.Doc()
      ghost.getArray<string>('items').push(['never relayed'])
      const stored = await roomStorageOver(storage, 'node-gone').append([
        {
          room,
          update: Y.encodeStateAsUpdate(ghost),
          authors: new Map(),
          writers: [],
          deletions: [],
          edits: [],
          alongside: [],
        },
      ])
      expect(stored.get(room)?.get('node-gone')).toBe(1)
    } finally {
      await storage.close()
    }
    // Each node's next commit answers that node's number: one it has not heard of, read back.
    for (const [index, client] of clients.entries())
      client.doc.getArray<string>('items').push([`after ${index}`])
    await waitFor(
      () => clients.every((client) => items(client).includes('never relayed')),
      'every client to get the commit no node relayed',
    )
  })

  it('a commit number announced but never stored is looked for less and less often, never in a loop', async () => {
    const room = await site.room('announced only')
    const client = connectClient(node(1), room, { params: { token: site.token } })
    await waitForSynced(client)
    const catchUps = () => readMetric(node(1).httpUrl, 'mufakat_room_catch_ups_total')
    const before = await catchUps()
    // Whoever can write to Redis can announce a number no node will ever store.
    const redis = new Redis(redisUrl)
    try {
      const forged = {
        kind: 'commit',
        from: 'elsewhere',
        origin: nodeId(0),
        seq: 1_000_000,
        update: Buffer.from([0, 0]).toString('base64'),
        writers: [],
      }
      await redis.publish(`${cluster.prefix}room:${room}`, JSON.stringify(forged))
    } finally {
      redis.disconnect()
    }
    await new Promise((resolve) => setTimeout(resolve, 3000))
    // Read back after 0.1, 0.3, 0.7, 1.5 s…: a handful in 3 s, where one every 0.1 s is 30.
    const readBacks = (await catchUps()) - before
    expect(readBacks).toBeGreaterThanOrEqual(2)
    expect(readBacks).toBeLessThanOrEqual(6)
  })

  it('kill -9 of a node under load: its clients move to the others; nothing seen is lost or doubled', async () => {
    const room = await site.room('killed')
    const params = { token: site.token }
    const clients = Array.from({ length: 6 }, (_, index) =>
      connectClient(node(index % 3), room, { params }),
    )
    await Promise.all(clients.map((client) => waitForSynced(client)))
    const written = new Set<string>()
    const stop = writeContinuously(clients, written)
    // Under way on every node: each client has seen others' items relayed.
    await waitFor(
      () => clients.every((client) => items(client).length >= 60),
      'items relayed on every node',
      20_000,
    )
    const seenBeforeKill = new Set(clients.flatMap(items))
    await node(0).stop('SIGKILL')
    // The balancer's part: the dead node's clients reconnect to the others, with what they hold.
    for (const index of [0, 3]) {
      const client = clients[index] as Client
      client.provider.destroy()
      clients[index] = connectClient(node(index === 0 ? 1 : 2), room, { doc: client.doc, params })
    }
    const more = written.size + 30
    await waitFor(() => items(clients[1] as Client).length >= more, 'more writes on the others')
    stop()
    await waitFor(() => holdsAll(clients, written), 'every client to hold every item', 30_000)
    // A node started afresh loads the room from PostgreSQL: all of it, each item once.
    const restarted = await cluster.start(0)
    const stored = await storedItems(restarted, room, site.token)
    expect(stored.length).toBe(written.size)
    expect(new Set(stored).size).toBe(stored.length)
    for (const item of seenBeforeKill) expect(written.has(item)).toBe(true)
    expect(stored.filter((item) => !written.has(item))).toEqual([])
  })

  it('a node paused for 5 s, then one whose subscription is cut: its clients catch up', async () => {
    // Node 0 was killed and started again on another port.
    const room = await site.on(node(2)).room('paused')
    const params = { token: site.token }
    const writer = connectClient(node(2), room, { params })
    const watcher = connectClient(node(1), room, { params })
    await Promise.all([waitForSynced(writer), waitForSynced(watcher)])
    const written = new Set<string>()
    const push = (item: string) => {
      writer.doc.getArray<string>('items').push([item])
      written.add(item)
    }
    push('before')
    await waitFor(() => items(watcher).length === 1, 'the first item on node 1')

    // Paused (SIGSTOP): what Redis holds for its subscriber waits, and arrives in order.
    process.kill(node(1).pid, 'SIGSTOP')
    const pausedUntil = Date.now() + 5000
    let count = 0
    while (Date.now() < pausedUntil) {
      push(`paused-${count++}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    process.kill(node(1).pid, 'SIGCONT')
    await waitFor(() => holdsAll([writer, watcher], written), 'node 1 to deliver the pause', 30_000)

    // Its subscription cut: what was published meanwhile is lost to it, and read back.
    // (Two, when its reconnect after the pause has not yet seen the old connection go.)
    expect(await killRedisConnections(redisUrl, nodeId(1), 'subscriber')).toBeGreaterThanOrEqual(1)
    for (let i = 0; i < 50; i++) push(`cut-${i}`)
    await waitFor(() => holdsAll([writer, watcher], written), 'node 1 to catch up', 30_000)
    await waitFor(
      () => node(1).output.some((line) => line.includes('link to the cluster restored')),
      'node 1 to say its link came back',
    )
    expect(await readMetric(node(1).httpUrl, 'mufakat_room_catch_ups_total')).toBeGreaterThan(0)
    // And it keeps hearing afterwards.
    push('after')
    await waitFor(() => holdsAll([writer, watcher], written), 'the next item on node 1')
  })
})

await describeWithCluster('cluster failures: Redis restarted mid-stream', () => {
  let redis: OwnRedis
  let cluster: TestCluster
  const node = (index: number) => cluster.nodes[index] as TestServer

  beforeAll(async () => {
    redis = await ownRedis()
    cluster = await startCluster(2, { redis: redis.url })
  }, 120_000)
  afterEach(() => destroyClients())
  afterAll(async () => {
    await cluster?.close()
    await redis?.kill()
    await removeDataDirs()
  })

  it('nodes reconnect and catch up; nothing written during the outage is lost', async () => {
    const site = await Site.open(node(0))
    const room = await site.room('outage')
    const params = { token: site.token }
    const clients = [0, 1, 0, 1].map((index) => connectClient(node(index), room, { params }))
    await Promise.all(clients.map((client) => waitForSynced(client)))
    const written = new Set<string>()
    const stop = writeContinuously(clients, written)
    await waitFor(() => items(clients[1] as Client).length >= 40, 'items across the nodes')
    await redis.kill()
    const meanwhile = written.size + 400
    await waitFor(() => written.size >= meanwhile, 'writes meanwhile')
    await redis.start()
    await waitFor(
      () =>
        cluster.nodes.every((one) =>
          one.output.some((line) => line.includes('link to the cluster restored')),
        ),
      'both nodes to reconnect',
      30_000,
    )
    const after = written.size + 40
    await waitFor(() => items(clients[1] as Client).length >= after, 'writes after, relayed')
    stop()
    await waitFor(() => holdsAll(clients, written), 'every client to hold every item', 30_000)
    const stored = await storedItems(node(1), room, site.token)
    expect(stored.length).toBe(written.size)
  })
})
