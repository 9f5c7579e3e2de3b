import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BoardCommand, Mediation } from '../../shared/src/schema/mediation.js'
import { readBoard } from '../../shared/src/ydoc/mediation-board.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { type MediationScene, openMediation, type Person } from '../helpers/mediation.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api } from '../helpers/site.js'
import { readMetric } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

describe('the issues and options board', () => {
  let server: TestServer
  let scene: MediationScene
  let boardRoom: string
  const send = (person: Person, command: BoardCommand, expect = 200) =>
    api(server, 'POST', `/api/sessions/${scene.session.id}/board`, {
      token: person.token,
      body: command,
      expect,
    })
  /** The board as a fresh client reads it from the server. */
  const board = async () => {
    const client = connectClient(server, boardRoom, { params: { token: scene.mediator.token } })
    await waitForSynced(client)
    const issues = readBoard(client.doc)
    client.destroy()
    return issues
  }
  beforeAll(async () => {
    server = await startServer()
    scene = await openMediation(server)
    ;({ boardRoom } = await api<Mediation>(
      server,
      'GET',
      `/api/sessions/${scene.session.id}/mediation`,
      { token: scene.outsiders.observer.token },
    ))
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('is changed by commands, stamped with their author, and reaches everyone live', async () => {
    const watcher = connectClient(server, boardRoom, { params: { token: scene.rina.token } })
    await waitForSynced(watcher)
    await send(scene.budi, { type: 'issue.add', title: 'Noise at night' })
    await waitFor(() => readBoard(watcher.doc).length === 1, 'the issue to reach Rina live')
    const issue = readBoard(watcher.doc)[0]?.id ?? ''
    await send(scene.budi, {
      type: 'interest.set',
      issueId: issue,
      partyId: scene.transport.id,
      text: 'Charge the fleet overnight',
    })
    await send(scene.rina, {
      type: 'interest.set',
      issueId: issue,
      partyId: scene.residents.id,
      text: 'Sleep undisturbed after 22:00',
    })
    await send(scene.rina, {
      type: 'option.add',
      issueId: issue,
      text: 'Acoustic wall along the depot fence',
    })
    expect(await board()).toEqual([
      {
        id: issue,
        title: 'Noise at night',
        by: scene.budi.participant.id,
        interests: {
          [scene.transport.id]: 'Charge the fleet overnight',
          [scene.residents.id]: 'Sleep undisturbed after 22:00',
        },
        options: [
          {
            id: expect.any(String),
            text: 'Acoustic wall along the depot fence',
            by: scene.rina.participant.id,
          },
        ],
      },
    ])
  })

  it("server_owned_room: refuses words put in someone else's mouth, and any direct write to the room", async () => {
    const [issue] = await board()
    if (!issue) throw new Error('an issue expected')
    // Another party's interests: only its representatives or the mediator state them.
    await send(
      scene.budi,
      { type: 'interest.set', issueId: issue.id, partyId: scene.residents.id, text: 'Build it' },
      403,
    )
    await send(scene.mediator, {
      type: 'interest.set',
      issueId: issue.id,
      partyId: scene.residents.id,
      text: 'Quiet streets during school hours',
    })
    // Someone else's entries are removed only by their author or the mediator.
    const option = issue.options[0]?.id ?? ''
    await send(scene.budi, { type: 'option.remove', issueId: issue.id, optionId: option }, 403)
    await send(scene.budi, { type: 'issue.remove', issueId: 'nope' }, 404)
    await send(scene.budi, { type: 'issue.add', title: '' }, 400)
    // Commenters and observers follow the board, they do not change it.
    for (const person of [scene.outsiders.commenter, scene.outsiders.observer]) {
      await send(person, { type: 'issue.add', title: 'Mine' }, 403)
    }
    // A client writing into the room directly, even a mediator's, is dropped unapplied.
    const dropped = await readMetric(server.httpUrl, 'mufakat_readonly_updates_dropped_total')
    const forger = connectClient(server, boardRoom, { params: { token: scene.mediator.token } })
    await waitForSynced(forger)
    forger.doc.getArray('issues').push([new Y.Map()])
    await waitFor(
      async () =>
        // Its sync step 2 on connecting, then the write itself.
        (await readMetric(server.httpUrl, 'mufakat_readonly_updates_dropped_total')) >= dropped + 2,
      'the direct write to be dropped',
    )
    await send(scene.rina, { type: 'option.remove', issueId: issue.id, optionId: option })
    const after = await board()
    expect(after).toHaveLength(1)
    expect(after[0]?.interests[scene.residents.id]).toBe('Quiet streets during school hours')
    expect(after[0]?.options).toEqual([])
  })
})
