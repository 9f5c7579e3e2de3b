import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Mediation } from '../../shared/src/schema/mediation.js'
import {
  addIssue,
  addOption,
  readBoard,
  setInterest,
} from '../../shared/src/ydoc/mediation-board.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { type MediationScene, openMediation } from '../helpers/mediation.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

describe('the issues and options board', () => {
  let server: TestServer
  let scene: MediationScene
  let boardRoom: string
  const open = (token: string) => connectClient(server, boardRoom, { params: { token } })
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
    removeDataDirs()
  })

  it('shares the issues and options board with the session, read-only for observers', async () => {
    const budi = open(scene.budi.token)
    const rina = open(scene.rina.token)
    const oki = open(scene.outsiders.observer.token)
    await Promise.all([budi, rina, oki].map((client) => waitForSynced(client)))
    const issue = addIssue(budi.doc, 'Noise at night', scene.budi.participant.id)
    setInterest(budi.doc, issue, scene.transport.id, 'Charge the fleet overnight')
    await waitFor(() => readBoard(rina.doc).length === 1, "the operator's issue to reach Rina")
    setInterest(rina.doc, issue, scene.residents.id, 'Sleep undisturbed after 22:00')
    addOption(rina.doc, issue, 'Acoustic wall along the depot fence', scene.rina.participant.id)
    addIssue(oki.doc, 'Observer issue', scene.outsiders.observer.participant.id)
    await waitFor(
      () => readBoard(budi.doc)[0]?.options.length === 1,
      "the residents' option to reach Budi",
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    const fresh = open(scene.mediator.token)
    await waitForSynced(fresh)
    expect(readBoard(fresh.doc)).toEqual([
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

  it("refuses words put in someone else's mouth: a forged author, another party's interests", async () => {
    const budi = open(scene.budi.token)
    await waitForSynced(budi)
    const issue = addIssue(budi.doc, 'Depot traffic', scene.budi.participant.id)
    await waitFor(async () => {
      const fresh = open(scene.mediator.token)
      await waitForSynced(fresh)
      const found = readBoard(fresh.doc).some((item) => item.id === issue)
      fresh.destroy()
      return found
    }, 'the honest issue to be stored')

    const liars = [
      (client: ReturnType<typeof open>) =>
        addIssue(client.doc, 'Forged', scene.rina.participant.id),
      (client: ReturnType<typeof open>) =>
        setInterest(client.doc, issue, scene.residents.id, 'Residents want the depot anyway'),
    ]
    for (const lie of liars) {
      const liar = open(scene.budi.token)
      await waitForSynced(liar)
      lie(liar)
      await waitFor(
        () => liar.closes.some((close) => close.code === 1008),
        'the dishonest update to be refused with 1008',
      )
      liar.destroy()
    }
    // The mediator may state any party's interests.
    const maya = open(scene.mediator.token)
    await waitForSynced(maya)
    setInterest(maya.doc, issue, scene.residents.id, 'Quiet streets during school hours')
    await waitFor(async () => {
      const fresh = open(scene.rina.token)
      await waitForSynced(fresh)
      const board = readBoard(fresh.doc)
      fresh.destroy()
      return board.find((item) => item.id === issue)?.interests[scene.residents.id] !== undefined
    }, "the mediator's summary to be stored")
    const check = open(scene.rina.token)
    await waitForSynced(check)
    const board = readBoard(check.doc)
    expect(board.map((item) => item.title)).not.toContain('Forged')
    expect(board.find((item) => item.id === issue)?.interests).toEqual({
      [scene.residents.id]: 'Quiet streets during school hours',
    })
  })
})
