import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { presentNow, type SessionState } from '../../shared/src/schema/session.js'
import { presenceRoomName } from '../../shared/src/ydoc/rooms.js'
import { readNews } from '../../shared/src/ydoc/workspace-news.js'
import { type Client, connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { describeWithCluster, startCluster, type TestCluster } from '../helpers/cluster.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, Site } from '../helpers/site.js'
import { readStore } from '../helpers/store.js'
import { expectQuiet, waitFor } from '../helpers/wait.js'

interface SeenState {
  cursor?: { anchor: number }
  user?: { id?: string; name?: string }
}

const items = (client: Client): string[] => client.doc.getArray<string>('items').toArray()

/** Everyone holds the same items, in the same order, each once. */
const converged = (clients: readonly Client[], expected: number): boolean => {
  const first = JSON.stringify(items(clients[0] as Client))
  return (
    items(clients[0] as Client).length === expected &&
    clients.every((client) => JSON.stringify(items(client)) === first)
  )
}

/** How long a node waits, after a page closes, before it counts its person gone. */
const leaveGraceMs = 1000

await describeWithCluster('cluster: three nodes, one PostgreSQL, one Redis', () => {
  let cluster: TestCluster
  let site: Site

  beforeAll(async () => {
    // Logs folded often, so compaction runs while several nodes write the same room.
    cluster = await startCluster(3, {
      env: { COMPACT_AFTER_UPDATES: '5', LEAVE_GRACE_MS: String(leaveGraceMs) },
    })
    site = await Site.open(cluster.nodes[0] as TestCluster['nodes'][number])
  }, 120_000)
  afterEach(() => destroyClients())
  afterAll(async () => {
    await cluster?.close()
    await removeDataDirs()
  })

  const node = (index: number) => cluster.nodes[index] as TestCluster['nodes'][number]

  it('clients spread over the nodes converge under churn, and every node serves the stored result', async () => {
    const room = await site.room('churn')
    const params = { token: site.token }
    const clients = Array.from({ length: 6 }, (_, index) =>
      connectClient(node(index % 3), room, { params }),
    )
    await Promise.all(clients.map((client) => waitForSynced(client)))
    const perClient = 25
    for (let round = 0; round < perClient; round++) {
      for (const [index, client] of clients.entries()) {
        client.doc.getArray<string>('items').push([`c${index}-${round}`])
      }
      if (round === 8) {
        // Two clients drop and come back on another node, writing while away.
        for (const index of [1, 4]) {
          const client = clients[index] as Client
          client.provider.destroy()
          clients[index] = connectClient(node((index + 1) % 3), room, { doc: client.doc, params })
        }
      }
      if (round === 16) clients[2]?.provider.disconnect()
      if (round === 20) clients[2]?.provider.connect()
      // A few milliseconds per round, so each node makes many commits, not one big one.
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const total = clients.length * perClient
    await waitFor(() => converged(clients, total), 'every client to hold every item', 30_000)
    expect(new Set(items(clients[0] as Client)).size).toBe(total)
    // A newcomer on each node reads the same, from that node's copy.
    for (const index of [0, 1, 2]) {
      const reader = connectClient(node(index), room, { params })
      await waitForSynced(reader)
      await waitFor(() => converged([reader, clients[0] as Client], total), `node ${index}'s copy`)
    }
    // The log was compacted meanwhile, and what is stored is all of it: a new node loads it.
    // Each node numbered its own commits: the snapshot says how far it folded each node's.
    const snapshot = await readStore<{ heads: string }>(
      node(0),
      'SELECT heads FROM room_snapshot WHERE room = ?',
      room,
    )
    const folded = Object.values(JSON.parse(snapshot[0]?.heads ?? '{}') as Record<string, number>)
    expect(folded.filter((seq) => seq > 0).length).toBeGreaterThanOrEqual(2)
    const fourth = connectClient(await cluster.start(3), room, { params })
    await waitForSynced(fourth)
    expect(converged([fourth, clients[0] as Client], total)).toBe(true)
  })

  it('shows presence across nodes, with the identity the node of its sender stamped', async () => {
    const budi = await site.join('stakeholder', 'Budi', 'community')
    const room = await site.room('presence')
    const sender = connectClient(node(0), room, { params: { token: budi.token } })
    await waitForSynced(sender)
    sender.provider.awareness.setLocalState({ cursor: { anchor: 3 }, user: { name: 'Not Budi' } })
    // Loaded on node 1 after Budi's state was set: it asks the others who is present.
    const watcher = connectClient(node(1), room, { params: { token: site.token } })
    await waitForSynced(watcher)
    const seen = () =>
      watcher.provider.awareness.getStates().get(sender.doc.clientID) as SeenState | undefined
    await waitFor(() => seen()?.cursor?.anchor === 3, "Budi's caret on another node")
    expect(seen()?.user).toMatchObject({ id: budi.participant.id, name: 'Budi' })
    sender.provider.awareness.setLocalStateField('cursor', { anchor: 7 })
    await waitFor(() => seen()?.cursor?.anchor === 7, "Budi's next move on another node")
    sender.provider.disconnect()
    await waitFor(() => seen() === undefined, "Budi's entry to leave with him")
  })

  it('a session page reloaded onto another node is neither a leave nor a return; closed for good, it leaves once', async () => {
    const ayu = await site.join('stakeholder', 'Ayu', 'community')
    const on = (index: number) => sessionCommands(node(index), site)
    const { session } = await on(0).open('Reloaded across nodes')
    const attendance = async () => {
      const { state } = await api<{ state: SessionState }>(
        node(2),
        'GET',
        `/api/sessions/${session.id}`,
        { token: site.token },
      )
      const her = state.attendance.find((person) => person.participantId === ayu.participant.id)
      const { events } = await api<{ events: { command: { type: string } }[] }>(
        node(2),
        'GET',
        `/api/sessions/${session.id}/events`,
        { token: site.token },
      )
      const hers = events.filter((event) => event.command.type.startsWith('attendance.'))
      return { here: her !== undefined && presentNow(her), events: hers.length }
    }
    await on(0).run(session.id, ayu.token, { type: 'attendance.join' })
    const before = connectClient(node(0), session.room, { params: { token: ayu.token } })
    await waitForSynced(before)
    const { events } = await attendance()

    /** The page reloads: its leave reaches node `leaveTo`, its new page opens on `opensOn`. */
    const reload = async (closing: Client, leaveTo: number, opensOn: number) => {
      await on(leaveTo).run(session.id, ayu.token, { type: 'attendance.leave', closing: true })
      closing.destroy()
      const page = connectClient(node(opensOn), session.room, { params: { token: ayu.token } })
      await waitForSynced(page)
      // As a session page does once connected: it says it is here.
      page.provider.awareness.setLocalState({})
      await on(opensOn).run(session.id, ayu.token, { type: 'attendance.join' })
      await expectQuiet(leaveGraceMs * 3, 'three times the grace a leave waits', async () => {
        const now = await attendance()
        return now.here && now.events === events
      })
      return page
    }
    // The leave reaches the node the page was on, then one that holds no page of the session.
    const second = await reload(before, 0, 1)
    const third = await reload(second, 2, 0)

    // Closed for good through node 0: she leaves, once.
    await on(0).run(session.id, ayu.token, { type: 'attendance.leave', closing: true })
    third.destroy()
    await waitFor(async () => !(await attendance()).here, 'the leave after the grace')
    expect((await attendance()).events).toBe(events + 1)
  })

  it('closes a participant’s sockets on every node when their role changes or they are removed', async () => {
    const putu = await site.join('stakeholder', 'Putu', 'media')
    const room = await site.room('access')
    const sockets = [1, 2].map((index) =>
      connectClient(node(index), room, { params: { token: putu.token } }),
    )
    await Promise.all(sockets.map((socket) => waitForSynced(socket)))
    const participant = `/api/workspaces/${site.workspaceId}/participants/${putu.participant.id}`
    await api(node(0), 'PATCH', participant, { token: site.token, body: { role: 'observer' } })
    await waitFor(
      () =>
        sockets.every((socket) =>
          socket.closes.some((close) => close.code === CloseCode.permissionsChanged),
        ),
      'both sockets to close with 4500 on the other nodes',
    )
    // They come back (4500 is retried) with the new role; removal then closes them for good.
    await waitFor(() => sockets.every((socket) => socket.provider.wsconnected), 'reconnects')
    await api(node(0), 'DELETE', participant, { token: site.token, expect: 204 })
    await waitFor(
      () =>
        sockets.every((socket) =>
          socket.closes.some((close) => close.code === CloseCode.unauthorized),
        ),
      'both sockets to close with 4401 on the other nodes',
    )
    // The writes of someone still here keep flowing between the nodes.
    const [a, b] = [0, 2].map((index) =>
      connectClient(node(index), room, { params: { token: site.token } }),
    ) as [Client, Client]
    await Promise.all([waitForSynced(a), waitForSynced(b)])
    a.doc.getText('t').insert(0, 'still here')
    await waitFor(() => b.doc.getText('t').toString() === 'still here', 'the write on node 2')
  })

  it('tells a page open on another node the workspace news of a change made through this one', async () => {
    const page = connectClient(node(2), presenceRoomName(site.workspaceId), {
      params: { token: site.token },
    })
    await waitForSynced(page)
    const before = readNews(page.doc)
    // Node 0 does not hold the presence room: it loads it for the news, since node 2 does.
    await site.join('observer', 'Ayu', 'academia')
    await waitFor(() => readNews(page.doc).people > before.people, 'the news on node 2')
  })

  it('refuses a server running alone on a database the nodes share', async () => {
    await expect(startServer({ env: { DATABASE_URL: cluster.database.url } })).rejects.toThrow(
      /without REDIS_URL|holds the advisory lock/,
    )
  })
})
