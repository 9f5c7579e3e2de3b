import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PollView } from '../../shared/src/schema/poll.js'
import { sessionRoomName } from '../../shared/src/ydoc/session-room.js'
import { connectClient, destroyClients, readRoom, waitForSynced } from '../helpers/clients.js'
import { pollCommands } from '../helpers/polls.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
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

  it('keeps the last answer a person gave during slow commits, in order, through a kill -9', async () => {
    const server = await startServer({ env: { TEST_FAULT_SLOW_COMMITS_MS: '1500' } })
    const site = await Site.open(server)
    const ayu = await site.join('stakeholder', 'Ayu', 'community')
    const { session } = await sessionCommands(server, site).open('Slow phone')
    const polls = pollCommands(server)
    const poll = await polls.open(session.id, site.token, {
      title: 'Which street first?',
      kind: 'single',
      options: ['Braga', 'Dago'],
    })
    // Someone has the session room open, so each answer also goes through its slow commit.
    const watcher = connectClient(server, sessionRoomName(session.id), {
      params: { token: site.token },
    })
    await waitForSynced(watcher)
    await polls.answer(session.id, ayu.token, poll.id, { choice: 0 })
    const { poll: last } = await polls.answer(session.id, ayu.token, poll.id, { choice: 1 })
    expect(last.results?.totals).toEqual([0, 1])
    expect(await server.stop('SIGKILL')).toBe('SIGKILL')

    const restarted = await startServer({ dataDir: server.dataDir })
    const [stored] = await pollCommands(restarted).list(session.id, site.token)
    expect(stored).toMatchObject({ responded: 1, results: { totals: [0, 1] } })
    const shown = (
      await readRoom(restarted, sessionRoomName(session.id), { maps: ['polls'] }, site.token)
    ).polls as Record<string, unknown>
    expect(PollView.parse(shown[poll.id]).results?.totals).toEqual([0, 1])
    await restarted.stop()
  })
})
