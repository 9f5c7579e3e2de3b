import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { nodeToYjs } from '../../shared/src/ydoc/prosemirror-json.js'
import {
  connectClient,
  connectRaw,
  destroyClients,
  type RawSocket,
  syncUpdateFrame,
  waitForSynced,
} from '../helpers/clients.js'
import { describeWithCluster, nodeId, startCluster, type TestCluster } from '../helpers/cluster.js'
import { paragraph, text } from '../helpers/plan-text.js'
import { redisUrl } from '../helpers/redis.js'
import { type RedisProxy, redisProxy } from '../helpers/redis-proxy.js'
import { removeDataDirs, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { readMetric } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

/** How long node 0 waits for the others to commit what they hold before it goes on. */
const flushTimeoutMs = 1500
/** Node 2's commits take this long once under way: longer than node 0 waits for them. */
const slowCommitsMs = 4000

const received = (node: TestServer) => readMetric(node.httpUrl, 'mufakat_updates_received_total')

const rawSockets: RawSocket[] = []

/**
 * Sends a paragraph on a raw socket of its own (which sends nothing else) and waits until the
 * node counted it: then it is in the node's hands, committed or not (the node answers nothing
 * that shows it before it is committed, so the count is what tells).
 */
const typeOn = async (
  server: TestServer,
  room: string,
  token: string,
  words: string,
): Promise<void> => {
  const socket = await connectRaw(server, `${room}?token=${encodeURIComponent(token)}`)
  rawSockets.push(socket)
  const before = await received(server)
  const doc = new Y.Doc()
  doc.getXmlFragment('default').insert(0, [nodeToYjs(paragraph(text(words)))])
  socket.send(syncUpdateFrame(Y.encodeStateAsUpdate(doc)))
  await waitFor(async () => (await received(server)) > before, 'the node to take the update')
}

/** The connections a node holds to Redis, as Redis sees them. */
const redisConnections = async (node: string): Promise<number> => {
  const admin = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
  try {
    const list = (await admin.client('LIST')) as string
    return list.split('\n').filter((line) => line.includes(` name=mufakat-${node}-`)).length
  } finally {
    admin.disconnect()
  }
}

const commits = (node: TestServer) => readMetric(node.httpUrl, 'mufakat_store_commit_seconds_count')

/**
 * What the known limits of several nodes were (docs/architecture.md, "Several nodes"): a
 * keystroke another node held uncommitted, a close published while a node's link was down, a
 * commit another node had under way as a workspace was deleted. Node 1 holds its commits
 * until asked (or a minute), node 2 reaches Redis through a hop the test can cut and commits
 * slowly.
 */
await describeWithCluster('cluster: versions, closes and deletions across nodes', () => {
  let cluster: TestCluster
  let proxy: RedisProxy
  let site: Site
  const node = (index: number) => cluster.nodes[index] as TestServer

  beforeAll(async () => {
    proxy = await redisProxy(redisUrl)
    cluster = await startCluster(3, {
      env: { CLUSTER_FLUSH_TIMEOUT_MS: String(flushTimeoutMs) },
      nodeEnv: (index): Record<string, string> =>
        index === 1
          ? { TEST_FAULT_HOLD_COMMITS_MS: '60000' }
          : index === 2
            ? { REDIS_URL: proxy.url, TEST_FAULT_SLOW_COMMITS_MS: String(slowCommitsMs) }
            : {},
    })
    site = await Site.open(node(0))
  }, 120_000)
  afterEach(() => {
    destroyClients()
    for (const socket of rawSockets.splice(0)) socket.ws.close()
    proxy?.restore()
  })
  afterAll(async () => {
    await cluster?.close()
    await proxy?.close()
    await removeDataDirs()
  })

  it('a version saved on node 0 holds what a writer on node 1 typed, not what an observer there did', async () => {
    const document = await site.document('flushed')
    const observer = await site.join('observer', 'Oki', 'media')
    // Node 1 holds both: the writer's uncommitted (its commits wait a minute), the observer's dropped.
    await typeOn(node(1), document.room, site.token, 'Bus lanes on every arterial road.')
    await typeOn(node(1), document.room, observer.token, 'An observer cannot write this.')
    const path = `/api/documents/${document.id}/versions`
    const { version } = await api<{ version: { id: string } }>(node(0), 'POST', path, {
      token: site.token,
      body: { name: 'with the keystroke' },
    })
    const saved = JSON.stringify(
      await api(node(0), 'GET', `${path}/${version.id}`, { token: site.token }),
    )
    expect(saved).toContain('Bus lanes on every arterial road.')
    expect(saved).not.toContain('An observer cannot write this.')
  })

  it('closes what a removal published while node 2’s link was down, once it is back; keeps the rest', async () => {
    const putu = await site.join('stakeholder', 'Putu', 'media')
    const room = await site.room('partitioned')
    const removed = connectClient(node(2), room, { params: { token: putu.token } })
    const staying = connectClient(node(2), room, { params: { token: site.token } })
    const elsewhere = connectClient(node(1), room, { params: { token: putu.token } })
    await Promise.all([removed, staying, elsewhere].map((client) => waitForSynced(client)))
    const restoredBefore = node(2).output.filter((line) =>
      line.includes('link to the cluster restored'),
    ).length

    proxy.cut()
    await waitFor(async () => (await redisConnections(nodeId(2))) === 0, 'node 2 to be off Redis')
    const participant = `/api/workspaces/${site.workspaceId}/participants/${putu.participant.id}`
    await api(node(0), 'DELETE', participant, { token: site.token, expect: 204 })
    await waitFor(
      () => elsewhere.closes.some((close) => close.code === CloseCode.unauthorized),
      'the socket on node 1 to close on the word',
    )
    expect(removed.closes).toEqual([])

    proxy.restore()
    await waitFor(
      () => removed.closes.some((close) => close.code === CloseCode.unauthorized),
      'the socket on node 2 to close once its link is back',
      30_000,
    )
    await waitFor(
      () =>
        node(2).output.some((line) => line.includes('sockets whose grant changed')) &&
        node(2).output.filter((line) => line.includes('link to the cluster restored')).length >
          restoredBefore,
      'node 2 to finish checking its sockets',
    )
    expect(staying.closes).toEqual([])
    expect(staying.provider.wsconnected).toBe(true)
  })

  it('a commit node 2 had under way as a workspace was deleted stores nothing of it; another room’s in the same commit is kept', async () => {
    const doomed = await Site.open(node(0), 'Doomed city')
    const doomedRoom = await doomed.room('doomed')
    const keptRoom = await site.room('kept')
    const writers = [
      connectClient(node(2), doomedRoom, { params: { token: doomed.token } }),
      connectClient(node(2), keptRoom, { params: { token: site.token } }),
    ]
    const watcher = connectClient(node(0), keptRoom, { params: { token: site.token } })
    await Promise.all([...writers, watcher].map((client) => waitForSynced(client)))
    const [receivedBefore, commitsBefore] = [await received(node(2)), await commits(node(2))]
    for (const client of writers) client.doc.getText('t').insert(0, 'late words')
    await waitFor(
      async () => (await received(node(2))) >= receivedBefore + 2,
      'node 2 to take both',
    )

    // Node 0 waits for node 2's flush no longer than flushTimeoutMs; node 2's commit is slower.
    await api(node(0), 'DELETE', `/api/workspaces/${doomed.workspaceId}`, {
      token: doomed.token,
      expect: 204,
    })
    await waitFor(
      async () => (await commits(node(2))) > commitsBefore,
      'node 2’s commit to end',
      slowCommitsMs * 4,
    )
    const db = new pg.Client({ connectionString: cluster.database.url })
    await db.connect()
    try {
      const left = await db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM room_update WHERE room = $1)
              + (SELECT count(*) FROM room_head WHERE room = $1)
              + (SELECT count(*) FROM room_writer WHERE room = $1)
              + (SELECT count(*) FROM room_activity WHERE room = $1) AS n`,
        [doomedRoom],
      )
      expect(Number(left.rows[0]?.n)).toBe(0)
    } finally {
      await db.end()
    }
    // The other room of the same commit was stored and relayed.
    await waitFor(
      () => watcher.doc.getText('t').toString() === 'late words',
      'the kept room’s words on node 0',
      slowCommitsMs * 4,
    )
  })
})
