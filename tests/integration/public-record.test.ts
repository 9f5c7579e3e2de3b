import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sha256 } from '../../server/src/domain/records-and-publication/record-chain.js'
import type { Agreement, Caucus } from '../../shared/src/schema/mediation.js'
import { type Publication, PublicFeed } from '../../shared/src/schema/publication.js'
import type { ChainRecord } from '../../shared/src/schema/record-chain.js'
import { canonicalJson, checkChain, hashedContents } from '../../shared/src/schema/record-chain.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { inDays, type MediationScene, openMediation } from '../helpers/mediation.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

/** What anyone outside can do with a named feed: recompute every hash and link. */
const recompute = (records: readonly ChainRecord[]) =>
  checkChain(
    records.map((record) => ({
      id: record.id,
      sequence: record.sequence,
      previousHash: record.previousHash,
      hash: record.hash,
      recomputedHashes: hashedContents(record).map((content) => sha256(canonicalJson(content))),
    })),
  ).ok

/** The log of the scene: the agreement, each party's signature, each change of a term's status. */
const loggedKinds = [
  'decision',
  'agreement',
  'signature',
  'signature',
  'term-status',
  'term-status',
]

describe('the public record', () => {
  let server: TestServer
  let scene: MediationScene
  let signed: Agreement
  let draft: Agreement
  const secret = 'Our real floor is 50 dB; do not tell the residents.'
  const publication = `/api/workspaces/${'{id}'}/publication`
  const publish = (body: unknown, token = scene.facilitator.token, expect = 200) =>
    api<Publication>(server, 'PUT', publication.replace('{id}', scene.site.workspaceId), {
      token,
      body,
      expect,
    })
  const feed = async (publicId: string, status = 200) => {
    const response = await fetch(`${server.httpUrl}/api/public/${publicId}`)
    expect(response.status).toBe(status)
    return { text: await response.text(), status: response.status }
  }

  beforeAll(async () => {
    server = await startServer()
    scene = await openMediation(server)
    // People whose chosen names are words the feed uses for other things.
    await scene.site.join('observer', 'agreement', 'citizen')
    await scene.site.join('observer', 'Done', 'citizen')
    await api(server, 'POST', `/api/workspaces/${scene.site.workspaceId}/decisions`, {
      token: scene.facilitator.token,
      body: {
        title: 'Mediate the depot dispute',
        text: 'The council asks for a mediation.',
        outcome: 'adopted',
      },
    })
    // Private words in a caucus, which must never reach the public record.
    const { caucus } = await api<{ caucus: Caucus }>(
      server,
      'POST',
      `/api/sessions/${scene.session.id}/caucuses`,
      { token: scene.mediator.token, body: { partyId: scene.transport.id } },
    )
    const client = connectClient(server, caucus.room, { params: { token: scene.budi.token } })
    await waitForSynced(client)
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(secret)])
    client.doc.getXmlFragment('default').insert(0, [paragraph])
    await waitFor(async () => {
      const content = await api<{ markdown: string }>(
        server,
        'GET',
        `/api/caucuses/${caucus.id}/content`,
        { token: scene.budi.token },
      )
      return content.markdown.includes('50 dB')
    }, 'the caucus secret to be stored')
    const agreementBody = (title: string) => ({
      title,
      terms: [
        {
          text: 'Charging only at night.',
          ownerId: scene.budi.participant.id,
          dueDate: inDays(60),
        },
      ],
    })
    const drafted = async (title: string) =>
      (
        await api<{ agreement: Agreement }>(
          server,
          'POST',
          `/api/sessions/${scene.session.id}/agreements`,
          { token: scene.mediator.token, body: agreementBody(title) },
        )
      ).agreement
    signed = await drafted('Night charging')
    for (const person of [scene.budi, scene.rina]) {
      signed = (
        await api<{ agreement: Agreement }>(
          server,
          'POST',
          `/api/agreements/${signed.id}/signatures`,
          {
            token: person.token,
            body: { textHash: signed.textHash },
            expect: 200,
          },
        )
      ).agreement
    }
    draft = await drafted('Still being negotiated')
    await api(server, 'POST', `/api/agreements/${signed.id}/terms/${signed.terms[0]?.id}/status`, {
      token: scene.budi.token,
      body: { status: 'done', note: 'Budi Santoso confirmed the timer.' },
      expect: 200,
    })
    // The mediator writes a note naming herself in lower case, then leaves the workspace.
    await api(server, 'POST', `/api/agreements/${signed.id}/terms/${signed.terms[0]?.id}/status`, {
      token: scene.mediator.token,
      body: { status: 'done', note: 'Checked on site by maya mediator.' },
      expect: 200,
    })
    await api(
      server,
      'DELETE',
      `/api/workspaces/${scene.site.workspaceId}/participants/${scene.mediator.participant.id}`,
      { token: scene.facilitator.token, expect: 204 },
    )
    destroyClients()
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('is published by a facilitator only, and is nowhere until then', async () => {
    const before = await api<Publication>(
      server,
      'GET',
      publication.replace('{id}', scene.site.workspaceId),
      {
        token: scene.rina.token,
      },
    )
    expect(before).toMatchObject({ published: false, url: null })
    for (const person of [scene.outsiders.otherMediator, scene.rina, scene.outsiders.observer]) {
      await publish({ published: true }, person.token, 403)
    }
    await publish({ published: 'yes' }, scene.facilitator.token, 400)
    await feed('not-a-published-record', 404)
    // Until someone chooses otherwise, names would stay out of public view.
    expect(before.anonymised).toBe(true)
  })

  it('previews exactly what publishing shows, for the facilitator only; anonymised by default', async () => {
    const previewPath = (anonymised: string) =>
      `${publication.replace('{id}', scene.site.workspaceId)}/preview?anonymised=${anonymised}`
    for (const person of [scene.rina, scene.outsiders.observer]) {
      await api(server, 'GET', previewPath('true'), { token: person.token, expect: 403 })
    }
    await api(server, 'GET', previewPath('yes'), { token: scene.facilitator.token, expect: 400 })
    const preview = await api<PublicFeed>(server, 'GET', previewPath('true'), {
      token: scene.facilitator.token,
    })
    // Previewing publishes nothing.
    expect(
      (
        await api<Publication>(server, 'GET', publication.replace('{id}', scene.site.workspaceId), {
          token: scene.facilitator.token,
        })
      ).published,
    ).toBe(false)
    // Published without saying how: anonymised, and the same records as the preview.
    const published = await publish({ published: true })
    expect(published.anonymised).toBe(true)
    const body = JSON.parse((await feed(published.publicId ?? '')).text) as PublicFeed
    expect(body.anonymised).toBe(true)
    expect(body.records).toEqual(preview.records)
    expect(body.followUp).toEqual(preview.followUp)
    // The audit log says how it was published, not that nobody said.
    expect((await scene.site.audit()).at(-1)).toMatchObject({
      action: 'publication.changed',
      details: { published: true, anonymised: true },
    })
    expect(JSON.stringify(preview)).not.toContain('Budi Santoso')
    const named = await api<PublicFeed>(server, 'GET', previewPath('false'), {
      token: scene.facilitator.token,
    })
    expect(JSON.stringify(named)).toContain('Budi Santoso')
    await publish({ published: false })
  })

  it('shows exactly the decisions and signed agreements, verifiable by anyone, nothing private', async () => {
    const published = await publish({ published: true, anonymised: false })
    expect(published.url).toBe(`${server.httpUrl}/p/${published.publicId}`)
    const { text } = await feed(published.publicId ?? '')
    const body = JSON.parse(text) as PublicFeed
    const { records } = await api<{ records: ChainRecord[] }>(
      server,
      'GET',
      `/api/workspaces/${scene.site.workspaceId}/records`,
      { token: scene.facilitator.token },
    )
    expect(body.records).toEqual(records)
    // The agreement, each party's signature and each change of a term's status are entries.
    expect(body.records.map((record) => record.kind)).toEqual(loggedKinds)
    expect(body.agreements.map((agreement) => agreement.title)).toEqual(['Night charging'])
    expect(body.verification).toMatchObject({ ok: true, count: 6 })
    expect(body.recordsAsLogged).toBe(true)
    expect(recompute(body.records)).toBe(true)
    expect(body.followUp).toMatchObject([{ agreementId: signed.id, status: 'done' }])
    expect(text).toContain('Budi Santoso')
    expect(text).not.toContain(draft.title)
    expect(text).not.toContain('50 dB')
    // The client's public page is served to anyone, without a cookie.
    const page = await fetch(published.url ?? '')
    expect(page.status).toBe(200)
  })

  it('anonymised, names no person anywhere but keeps parties, and keeps its link', async () => {
    const named = await publish({ published: true, anonymised: false })
    const anonymous = await publish({ published: true, anonymised: true })
    expect(anonymous.publicId).toBe(named.publicId)
    const { text } = await feed(anonymous.publicId ?? '')
    const body = JSON.parse(text) as PublicFeed
    for (const person of [scene.budi, scene.rina, scene.mediator, scene.facilitator]) {
      expect(text).not.toContain(person.participant.displayName)
      expect(text).not.toContain(person.participant.id)
    }
    expect(text).not.toContain('Budi')
    expect(text.toLowerCase()).not.toContain('maya mediator')
    expect(text).toContain('Kota Transit (operator)')
    expect(text).not.toContain('50 dB')
    const agreement = body.agreements[0]
    expect(agreement?.signatures.map((item) => item.name)).toEqual([
      expect.stringMatching(/^Participant \d+$/),
      expect.stringMatching(/^Participant \d+$/),
    ])
    // The owner's pseudonym is the same in the term and in the text.
    if (!agreement) throw new Error('an agreement expected')
    // Hashes of the named text would let anyone test guesses of names: not shown with the text.
    expect(agreement.textHash).toBe('')
    expect(agreement.signatures.map((item) => item.textHash)).toEqual(['', ''])
    // A participant called like a word of the feed's vocabulary changes none of it.
    expect(PublicFeed.parse(body).records.map((record) => record.kind)).toEqual(loggedKinds)
    // Records name people only by commitment: the anonymised feed serves the very records the
    // named one does, and anyone recomputes them the same way.
    const namedFeed = await api<PublicFeed>(
      server,
      'GET',
      `${publication.replace('{id}', scene.site.workspaceId)}/preview?anonymised=false`,
      { token: scene.facilitator.token },
    )
    expect(body.records).toEqual(namedFeed.records)
    expect(body.recordsAsLogged).toBe(true)
    expect(recompute(body.records)).toBe(true)
    expect(Object.values(body.people)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Participant \d+$/)]),
    )
    expect(Object.keys(body.people).sort()).toEqual(Object.keys(namedFeed.people).sort())
    expect(body.followUp[0]?.status).toBe('done')
    expect(agreement.text).toContain(`Owner: ${agreement.terms[0]?.ownerName}.`)
    const [first, second] = body.followUp[0]?.history ?? []
    expect(first?.note).toMatch(/^Participant \d+ confirmed the timer\.$/)
    expect(second?.name).toMatch(/^Participant \d+$/)
    expect(second?.note).toBe(`Checked on site by ${second?.name}.`)
    // Publishing again without saying how keeps the record anonymised.
    const again = await publish({ published: true })
    expect(again).toMatchObject({ anonymised: true, publicId: anonymous.publicId })
    expect(body.verification).toMatchObject({ ok: true })
  })

  it('withdrawn, is gone; published again, lives at a new link', async () => {
    const { publicId } = await publish({ published: true })
    await publish({ published: false })
    await feed(publicId ?? '', 404)
    const again = await publish({ published: true })
    expect(again.publicId).not.toBe(publicId)
    await feed(again.publicId ?? '')
  })
})
