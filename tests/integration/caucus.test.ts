import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import type { Caucus, Mediation, Party } from '../../shared/src/schema/mediation.js'
import type { Session } from '../../shared/src/schema/session.js'
import { addThread } from '../../shared/src/ydoc/comments.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { type MediationScene, openMediation } from '../helpers/mediation.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api } from '../helpers/site.js'
import { readMetric } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

const closeCode = async (url: string): Promise<number> => {
  const ws = new WebSocket(url)
  ws.on('error', () => {})
  return new Promise((resolve) => ws.on('close', (code) => resolve(code)))
}

const paragraph = (doc: Y.Doc, text: string) => {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  const fragment = doc.getXmlFragment('default')
  fragment.insert(fragment.length, [element])
}

describe('mediation parties and caucuses', () => {
  let server: TestServer
  let scene: MediationScene
  let caucus: Caucus
  beforeAll(async () => {
    server = await startServer()
    scene = await openMediation(server)
    caucus = (
      await api<{ caucus: Caucus }>(server, 'POST', `/api/sessions/${scene.session.id}/caucuses`, {
        token: scene.mediator.token,
        body: { partyId: scene.residents.id },
      })
    ).caucus
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('is opened by a mediator only, and names parties whose representatives are unambiguous', async () => {
    const path = `/api/workspaces/${scene.site.workspaceId}/sessions`
    const body = { title: 'Depot', kind: 'mediation' }
    await api(server, 'POST', path, { token: scene.facilitator.token, body, expect: 403 })
    const { session } = await api<{ session: Session }>(server, 'POST', path, {
      token: scene.mediator.token,
      body,
    })
    const parties = `/api/sessions/${session.id}/parties`
    const members = (...people: { participant: { id: string } }[]) =>
      people.map((person) => person.participant.id)
    // Only this session's mediator names parties; not another mediator, not the facilitator.
    for (const token of [scene.outsiders.otherMediator.token, scene.facilitator.token]) {
      await api(server, 'POST', parties, {
        token,
        body: { name: 'Operator', participantIds: members(scene.budi) },
        expect: 403,
      })
    }
    const bad = await api<{ error: { details: { path: string }[] } }>(server, 'POST', parties, {
      token: scene.mediator.token,
      body: { name: '', participantIds: [] },
      expect: 400,
    })
    expect(bad.error.details.map((detail) => detail.path).sort()).toEqual([
      'name',
      'participantIds',
    ])
    await api(server, 'POST', parties, {
      token: scene.mediator.token,
      body: { name: 'Ghosts', participantIds: ['nobody'] },
      expect: 400,
    })
    const { party } = await api<{ party: Party }>(server, 'POST', parties, {
      token: scene.mediator.token,
      body: { name: 'Operator', participantIds: members(scene.budi, scene.sari) },
    })
    expect(party.members.map((member) => member.name)).toEqual(['Budi Santoso', 'Sari Wijaya'])
    const twice = await api<{ error: { details: { rule: string } } }>(server, 'POST', parties, {
      token: scene.mediator.token,
      body: { name: 'Residents', participantIds: members(scene.rina, scene.sari) },
      expect: 409,
    })
    expect(twice.error.details.rule).toBe('member_of_two_parties')
    // A workshop has no parties.
    const { session: workshop } = await api<{ session: Session }>(server, 'POST', path, {
      token: scene.mediator.token,
      body: { title: 'Workshop', kind: 'workshop' },
    })
    await api(server, 'GET', `/api/sessions/${workshop.id}/mediation`, {
      token: scene.mediator.token,
      expect: 409,
    })
  })

  it('not_in_caucus: lets only the mediator and that party into a caucus, on the socket and in REST', async () => {
    const insiders = [scene.mediator, scene.rina]
    const outsiders = [...Object.values(scene.outsiders), scene.budi, scene.sari]
    for (const room of [caucus.room, caucus.notesRoom]) {
      for (const person of outsiders) {
        expect(
          await closeCode(`${server.syncUrl}/${room}?token=${person.token}`),
          `${person.participant.displayName} (${person.participant.role}) on ${room}`,
        ).toBe(CloseCode.forbidden)
      }
    }
    for (const person of outsiders) {
      for (const path of [`/api/caucuses/${caucus.id}`, `/api/caucuses/${caucus.id}/content`]) {
        await api(server, 'GET', path, { token: person.token, expect: 403 })
      }
    }
    for (const person of insiders) {
      const response = await fetch(`${server.httpUrl}/api/caucuses/${caucus.id}`, {
        headers: { authorization: `Bearer ${person.token}` },
      })
      expect(response.status).toBe(200)
      // Never kept by a browser's HTTP cache.
      expect(response.headers.get('cache-control')).toBe('no-store')
    }
    // Everyone in the session sees that the caucus takes place, and whether they may enter.
    for (const person of [...insiders, ...outsiders]) {
      const view = await api<Mediation>(
        server,
        'GET',
        `/api/sessions/${scene.session.id}/mediation`,
        {
          token: person.token,
        },
      )
      expect(view.caucuses.find((item) => item.id === caucus.id)?.canEnter).toBe(
        insiders.includes(person),
      )
    }
    // Only the mediator opens caucuses.
    await api(server, 'POST', `/api/sessions/${scene.session.id}/caucuses`, {
      token: scene.rina.token,
      body: { partyId: scene.residents.id },
      expect: 403,
    })

    // The two inside write together, in the text and in the notes.
    const maya = connectClient(server, caucus.room, { params: { token: scene.mediator.token } })
    const rina = connectClient(server, caucus.room, { params: { token: scene.rina.token } })
    await Promise.all([waitForSynced(maya), waitForSynced(rina)])
    paragraph(rina.doc, 'We could accept night charging if the noise stays under 45 dB.')
    await waitFor(
      () => maya.doc.getXmlFragment('default').toString().includes('45 dB'),
      "the party's words to reach the mediator",
    )
    const notes = connectClient(server, caucus.notesRoom, {
      params: { token: scene.mediator.token },
    })
    await waitForSynced(notes)
    addThread(
      notes.doc,
      {
        id: 'n1',
        anchorStart: new Uint8Array([1]),
        anchorEnd: new Uint8Array([1]),
        quote: '45 dB',
        createdAt: new Date().toISOString(),
        createdBy: scene.mediator.participant.id,
      },
      {
        id: 'c1',
        authorId: scene.mediator.participant.id,
        authorName: 'Maya Mediator',
        authorGroup: 'academia',
        text: 'Bottom line: 45 dB, not negotiable.',
        createdAt: new Date().toISOString(),
      },
    )
    await waitFor(async () => {
      const content = await api<{ markdown: string; notes: { text: string }[] }>(
        server,
        'GET',
        `/api/caucuses/${caucus.id}/content`,
        { token: scene.rina.token },
      )
      return content.markdown.includes('45 dB') && content.notes.length === 1
    }, 'the caucus content over REST')
  })

  it('caucus_closed, read_only_room: keeps a closed caucus readable by the same people only, and read-only', async () => {
    const rina = connectClient(server, caucus.room, { params: { token: scene.rina.token } })
    await waitForSynced(rina)
    await api(server, 'POST', `/api/caucuses/${caucus.id}/close`, {
      token: scene.rina.token,
      expect: 403,
    })
    const closed = await api<{ caucus: Caucus }>(
      server,
      'POST',
      `/api/caucuses/${caucus.id}/close`,
      {
        token: scene.mediator.token,
        expect: 200,
      },
    )
    expect(closed.caucus.status).toBe('closed')
    // The open socket is told permissions changed; it reconnects, now read-only.
    await waitFor(
      () => rina.closes.some((close) => close.code === CloseCode.permissionsChanged),
      'the caucus sockets to be closed with 4500',
    )
    await waitForSynced(rina)
    const notes = connectClient(server, caucus.notesRoom, { params: { token: scene.rina.token } })
    await waitForSynced(notes)
    const dropped = await readMetric(server.httpUrl, 'mufakat_readonly_updates_dropped_total')
    paragraph(rina.doc, 'Written after closing.')
    notes.doc.getArray('threads').push(['a note after closing'])
    await waitFor(
      async () =>
        (await readMetric(server.httpUrl, 'mufakat_readonly_updates_dropped_total')) >= dropped + 2,
      'both writes to be dropped as read-only',
    )
    const maya = connectClient(server, caucus.room, { params: { token: scene.mediator.token } })
    const mayaNotes = connectClient(server, caucus.notesRoom, {
      params: { token: scene.mediator.token },
    })
    await Promise.all([waitForSynced(maya), waitForSynced(mayaNotes)])
    expect(maya.doc.getXmlFragment('default').toString()).toContain('45 dB')
    expect(maya.doc.getXmlFragment('default').toString()).not.toContain('after closing')
    expect(mayaNotes.doc.getArray('threads').toArray()).toEqual([])
    await api(server, 'GET', `/api/caucuses/${caucus.id}/content`, { token: scene.rina.token })
    await api(server, 'GET', `/api/caucuses/${caucus.id}/content`, {
      token: scene.facilitator.token,
      expect: 403,
    })
    await api(server, 'POST', `/api/caucuses/${caucus.id}/close`, {
      token: scene.mediator.token,
      expect: 409,
    })
  })

  it('takes someone removed from the party out of its caucuses at once', async () => {
    const { caucus: second } = await api<{ caucus: Caucus }>(
      server,
      'POST',
      `/api/sessions/${scene.session.id}/caucuses`,
      {
        token: scene.mediator.token,
        body: { partyId: scene.transport.id, title: 'Operator costs' },
      },
    )
    // Its title is for those inside: others see only that the operator is in caucus.
    const titleFor = async (token: string) =>
      (
        await api<Mediation>(server, 'GET', `/api/sessions/${scene.session.id}/mediation`, {
          token,
        })
      ).caucuses.find((item) => item.id === second.id)?.title
    expect(await titleFor(scene.sari.token)).toBe('Operator costs')
    expect(await titleFor(scene.rina.token)).toBeNull()
    const sari = connectClient(server, second.room, { params: { token: scene.sari.token } })
    await waitForSynced(sari)
    await api(server, 'PUT', `/api/sessions/${scene.session.id}/parties/${scene.transport.id}`, {
      token: scene.mediator.token,
      body: { name: scene.transport.name, participantIds: [scene.budi.participant.id] },
    })
    await waitFor(
      () => sari.closes.some((close) => close.code === CloseCode.forbidden),
      'the removed representative to be refused on reconnecting',
    )
    await api(server, 'GET', `/api/caucuses/${second.id}`, { token: scene.sari.token, expect: 403 })
    await api(server, 'GET', `/api/caucuses/${second.id}`, { token: scene.budi.token })
  })

  it('keeps the mediator neutral: never a representative, and out once no longer a mediator', async () => {
    const parties = `/api/sessions/${scene.session.id}/parties/${scene.residents.id}`
    const refusal = await api<{ error: { details: { rule: string } } }>(server, 'PUT', parties, {
      token: scene.mediator.token,
      body: {
        name: scene.residents.name,
        participantIds: [scene.rina.participant.id, scene.mediator.participant.id],
      },
      expect: 409,
    })
    expect(refusal.error.details.rule).toBe('mediator_not_party')
    // Demoted to observer, the mediator can no longer run the mediation or enter its caucuses.
    const { caucus: third } = await api<{ caucus: Caucus }>(
      server,
      'POST',
      `/api/sessions/${scene.session.id}/caucuses`,
      { token: scene.mediator.token, body: { partyId: scene.residents.id } },
    )
    const role = (value: string) =>
      api(
        server,
        'PATCH',
        `/api/workspaces/${scene.site.workspaceId}/participants/${scene.mediator.participant.id}`,
        { token: scene.facilitator.token, body: { role: value } },
      )
    await role('observer')
    await api(server, 'GET', `/api/caucuses/${third.id}`, {
      token: scene.mediator.token,
      expect: 403,
    })
    expect(await closeCode(`${server.syncUrl}/${third.room}?token=${scene.mediator.token}`)).toBe(
      CloseCode.forbidden,
    )
    const before = await api<Mediation>(
      server,
      'GET',
      `/api/sessions/${scene.session.id}/mediation`,
      {
        token: scene.facilitator.token,
      },
    )
    await api(server, 'POST', `/api/sessions/${scene.session.id}/caucuses`, {
      token: scene.mediator.token,
      body: { partyId: scene.residents.id },
      expect: 403,
    })
    await api(server, 'POST', `/api/sessions/${scene.session.id}/parties`, {
      token: scene.mediator.token,
      body: { name: 'Council', participantIds: [scene.outsiders.stakeholder.participant.id] },
      expect: 403,
    })
    const after = await api<Mediation>(
      server,
      'GET',
      `/api/sessions/${scene.session.id}/mediation`,
      {
        token: scene.facilitator.token,
      },
    )
    expect(after.caucuses).toHaveLength(before.caucuses.length)
    expect(after.parties).toHaveLength(before.parties.length)
    await role('mediator')
    await api(server, 'GET', `/api/caucuses/${third.id}`, { token: scene.mediator.token })
  })
})
