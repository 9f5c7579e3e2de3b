import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { DecisionRecord, SessionState } from '../../shared/src/schema/session.js'
import { readSessionState, sessionRoomName } from '../../shared/src/ydoc/session-room.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { itSqliteOnly } from '../helpers/postgres.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, Site } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

/** A window in which nothing may arrive: long enough for a relay on an idle machine. */
const quietWindowMs = 500

/** Frames a provider's socket receives, counted as they come. */
const countFrames = (client: ReturnType<typeof connectClient>): (() => number) => {
  let frames = 0
  const socket = client.provider.ws
  if (!socket) throw new Error('the provider has no socket')
  socket.addEventListener('message', () => {
    frames += 1
  })
  return () => frames
}

describe('unit of work: effects follow the commit', () => {
  it('relays nothing that a rolled-back decision took with it: what a peer saw survives kill -9', async () => {
    // Rooms keep updates uncommitted for long (nothing in this test waits for that to end), and
    // deciding fails when it reaches the chain.
    const server = await startServer({
      env: { TEST_FAULT_HOLD_COMMITS_MS: '10000', TEST_FAULT_CHAIN_APPEND: 'fail' },
    })
    const site = await Site.open(server)
    const document = await site.document('Mobility plan')
    const writer = await site.connect('Mobility plan')
    const peer = await site.connect('Mobility plan')
    await Promise.all([waitForSynced(writer), waitForSynced(peer)])

    writer.doc.getText('plan').insert(0, 'Bus lanes on Jalan Asia Afrika.')
    // Sent after the text on the same socket: once the peer sees it, the server holds the text.
    writer.provider.awareness.setLocalStateField('typing', true)
    await waitFor(
      () => [...peer.provider.awareness.getStates().values()].some((state) => state.typing),
      'the writer’s presence to reach the peer',
    )
    expect(peer.doc.getText('plan').toString()).toBe('')

    // Deciding saves a version of the document, then fails: the whole transaction rolls back.
    const refused = await fetch(`${server.httpUrl}/api/workspaces/${site.workspaceId}/decisions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${site.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Bus lanes',
        text: 'Adopt the bus lanes.',
        outcome: 'adopted',
        documentId: document.id,
      }),
    })
    expect(refused.status).toBe(500)
    const { decisions } = await api<{ decisions: DecisionRecord[] }>(
      server,
      'GET',
      `/api/workspaces/${site.workspaceId}/decisions`,
      { token: site.token },
    )
    expect(decisions).toEqual([])

    // Whatever reached the peer is on disk: a crash right now loses none of it.
    await waitFor(
      () => peer.doc.getText('plan').toString() === 'Bus lanes on Jalan Asia Afrika.',
      'the text to reach the peer once committed',
    )
    const seen = peer.doc.getText('plan').toString()
    expect(await server.stop('SIGKILL')).toBe('SIGKILL')
    writer.destroy()
    peer.destroy()
    const restarted = await startServer({ dataDir: server.dataDir })
    expect(await site.on(restarted).read('Mobility plan', { texts: ['plan'] })).toEqual({
      plan: seen,
    })
    await restarted.stop()
  })

  it('leaves the session room as it was when the decision closing a proposal rolls back', async () => {
    const server = await startServer({ env: { TEST_FAULT_CHAIN_APPEND: 'fail' } })
    const site = await Site.open(server)
    const commands = sessionCommands(server, site)
    const { session } = await commands.open('Bus lanes workshop')
    await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Bus lanes',
      text: 'Adopt the bus lanes.',
    })
    const watcher = connectClient(server, sessionRoomName(session.id), {
      params: { token: site.token },
    })
    await waitFor(
      () => readSessionState(watcher.doc)?.proposal?.title === 'Bus lanes',
      'the open proposal to show',
    )
    const before = readSessionState(watcher.doc)
    const frames = countFrames(watcher)

    await api(server, 'POST', `/api/sessions/${session.id}/commands`, {
      token: site.token,
      body: { type: 'proposal.close', outcome: 'adopted' },
      expect: 500,
    })
    const stored = await api<{ state: SessionState }>(
      server,
      'GET',
      `/api/sessions/${session.id}`,
      { token: site.token },
    )
    expect(stored.state.proposal?.title).toBe('Bus lanes')
    // A quiet window: no frame of the rolled-back command may reach the room's readers.
    await new Promise((resolve) => setTimeout(resolve, quietWindowMs))
    expect(frames()).toBe(0)
    expect(readSessionState(watcher.doc)).toEqual(before)
    await server.stop()
  })
})

describe('server-owned rooms follow committed state', () => {
  itSqliteOnly(
    'shows the session row’s state after a crash between the row write and the room write',
    async () => {
      const server = await startServer()
      const site = await Site.open(server)
      const commands = sessionCommands(server, site)
      const { session } = await commands.open('Crash workshop')
      const watcher = connectClient(server, sessionRoomName(session.id), {
        params: { token: site.token },
      })
      await waitFor(() => readSessionState(watcher.doc)?.stage === 0, 'the initial state')
      watcher.destroy()
      expect(await server.stop('SIGKILL')).toBe('SIGKILL')

      // The crash came after the session row was written and before its room was: the row moved
      // on (as a stage.advance would have moved it), the room did not.
      const store = openStore(server.dataDir)
      const row = store.prepare('SELECT state FROM session WHERE id = ?').get(session.id) as {
        state: string
      }
      const advanced: SessionState = { ...(JSON.parse(row.state) as SessionState), stage: 1 }
      store
        .prepare('UPDATE session SET state = ? WHERE id = ?')
        .run(JSON.stringify(advanced), session.id)
      store.close()

      const restarted = await startServer({ dataDir: server.dataDir })
      const reader = connectClient(restarted, sessionRoomName(session.id), {
        params: { token: site.token },
      })
      await waitForSynced(reader)
      await waitFor(() => readSessionState(reader.doc)?.stage === 1, 'the room to show the row')
      expect(readSessionState(reader.doc)).toEqual(advanced)
      await restarted.stop()
    },
  )
})
