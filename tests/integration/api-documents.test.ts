import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AuditEntry } from '../../shared/src/schema/audit.js'
import { PlanDocument } from '../../shared/src/schema/document.js'
import {
  call,
  expectAuthRefusals,
  expectBadRequest,
  expectError,
  ok,
  overlongId,
} from '../helpers/api-cases.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'

const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

const smartCityHeadings = [
  'Smart economy',
  'Smart people',
  'Smart governance',
  'Smart mobility',
  'Smart environment',
  'Smart living',
]

interface Member {
  token: string
  participant: { id: string }
}

describe('document API', () => {
  let server: TestServer
  let site: Site
  let other: Site
  let stakeholder: Member
  let mediator: Member
  let commenter: Member
  let observer: Member
  beforeAll(async () => {
    server = await startServer()
    ;[site, other] = await Promise.all([
      Site.open(server, 'Bandung Smart Mobility 2030'),
      Site.open(server, 'Surabaya Flood Resilience'),
    ])
    stakeholder = await site.join('stakeholder', 'Sari', 'business')
    mediator = await site.join('mediator', 'Mira', 'academia')
    commenter = await site.join('commenter', 'Citra', 'citizen')
    observer = await site.join('observer', 'Oki', 'media')
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const documentsPath = (of: Site = site): string => `/api/workspaces/${of.workspaceId}/documents`

  const create = async (token: string, body: unknown, of: Site = site): Promise<PlanDocument> =>
    PlanDocument.strict().parse(
      ok<{ document: unknown }>(await call(server, 'POST', documentsPath(of), { token, body }), 201)
        .document,
    )

  const list = async (token = site.token): Promise<PlanDocument[]> =>
    ok<{ documents: unknown[] }>(
      await call(server, 'GET', documentsPath(), { token }),
    ).documents.map((entry) => PlanDocument.parse(entry))

  const audit = async (): Promise<AuditEntry[]> =>
    ok<{ entries: unknown[] }>(
      await call(server, 'GET', `/api/workspaces/${site.workspaceId}/audit`, { token: site.token }),
    ).entries.map((entry) => AuditEntry.parse(entry))

  /** The text room's fragment as a fresh official client sees it. */
  const readFragment = async (room: string, token: string): Promise<Y.XmlFragment> => {
    const client = connectClient(server, room, { params: { token } })
    await waitForSynced(client)
    return client.doc.getXmlFragment('default')
  }

  describe('POST /api/workspaces/:id/documents', () => {
    it('creates a blank document with its text room and comments room', async () => {
      const answer = await call(server, 'POST', documentsPath(), {
        token: site.token,
        body: { title: '  Mobility plan  ' },
      })
      expect(Object.keys(answer.body as object)).toEqual(['document'])
      const document = PlanDocument.strict().parse(ok<{ document: unknown }>(answer, 201).document)
      expect(document).toEqual({
        id: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
        workspaceId: site.workspaceId,
        title: 'Mobility plan',
        template: 'blank',
        room: `doc:${document.id}`,
        commentsRoom: `comments:${document.id}`,
        archived: false,
        commentersMaySuggest: false,
        createdAt: expect.stringMatching(isoDate),
        createdBy: site.created.participant.id,
      })
      const fragment = await readFragment(document.room, site.token)
      expect(fragment.length).toBe(0)
      const entry = (await audit()).find(
        (candidate) => candidate.action === 'document.created' && candidate.target === document.id,
      )
      expect(entry).toMatchObject({
        actorId: site.created.participant.id,
        details: { title: 'Mobility plan', template: 'blank' },
      })
    })

    it('refuses fields the caller may not choose (id, workspace, archived, author) with 400 naming each', async () => {
      const before = (await list()).length
      expectBadRequest(
        await call(server, 'POST', documentsPath(), {
          token: stakeholder.token,
          body: {
            title: 'Chosen fields',
            id: 'my-own-id',
            workspaceId: other.workspaceId,
            archived: true,
            createdBy: site.created.participant.id,
            room: `doc:${'x'.repeat(16)}`,
          },
        }),
        'id',
        'workspaceId',
        'archived',
        'createdBy',
        'room',
      )
      expect(await list()).toHaveLength(before)
      const document = await create(stakeholder.token, { title: 'Chosen fields' })
      expect(document).toMatchObject({
        workspaceId: site.workspaceId,
        archived: false,
        createdBy: stakeholder.participant.id,
        room: `doc:${document.id}`,
      })
      const rename = (body: unknown) =>
        call(server, 'PATCH', `${documentsPath()}/${document.id}`, {
          token: stakeholder.token,
          body,
        })
      expectBadRequest(
        await rename({ title: 'Still here', workspaceId: other.workspaceId, createdBy: 'nobody' }),
        'workspaceId',
        'createdBy',
      )
      const renamed = ok<{ document: PlanDocument }>(await rename({ title: 'Still here' }))
      expect(renamed.document).toEqual({ ...document, title: 'Still here' })
    })

    it('seeds the smart-city-vision template on the server: six dimension headings, each with a prompt', async () => {
      const document = await create(stakeholder.token, {
        title: 'City vision',
        template: 'smart-city-vision',
      })
      expect(document).toMatchObject({
        template: 'smart-city-vision',
        room: `doc:${document.id}`,
        commentsRoom: `comments:${document.id}`,
        createdBy: stakeholder.participant.id,
      })
      // Read-only members see the same seeded content.
      for (const token of [site.token, observer.token]) {
        const fragment = await readFragment(document.room, token)
        const nodes = fragment.toArray()
        const headings = nodes.filter(
          (node): node is Y.XmlElement =>
            node instanceof Y.XmlElement && node.nodeName === 'heading',
        )
        expect(headings.map((heading) => heading.toArray().join(''))).toEqual(smartCityHeadings)
        for (const heading of headings) expect(heading.getAttribute('level')).toBe(2)
        expect(nodes.map((node) => (node as Y.XmlElement).nodeName)).toEqual(
          smartCityHeadings.flatMap(() => ['heading', 'paragraph']),
        )
        const text = fragment.toString()
        for (const heading of smartCityHeadings) expect(text).toContain(heading)
      }
    })

    it('refuses an invalid body with 400 naming each field, and creates nothing', async () => {
      const before = (await list()).length
      const post = (body: unknown) =>
        call(server, 'POST', documentsPath(), { token: site.token, body })
      expectBadRequest(await post({}), 'title')
      expectBadRequest(await post({ title: '' }), 'title')
      expectBadRequest(await post({ title: '   ' }), 'title')
      expectBadRequest(await post({ title: 'x'.repeat(201) }), 'title')
      expectBadRequest(await post({ title: ['a'] }), 'title')
      expectBadRequest(await post({ title: 'Plan', template: 'nope' }), 'template')
      expectBadRequest(await post({ title: '', template: 'nope' }), 'title', 'template')
      expectError(
        await call(server, 'POST', documentsPath(), { token: site.token, rawBody: '{"title":}' }),
        400,
        'bad_request',
      )
      expectBadRequest(
        await call(server, 'POST', `/api/workspaces/${overlongId}/documents`, {
          token: site.token,
          body: { title: 'Plan' },
        }),
        'id',
      )
      expect((await list()).length).toBe(before)
    })

    it('lets writers create (facilitator, mediator, stakeholder) but not commenters or observers', async () => {
      for (const member of [stakeholder, mediator]) {
        const document = await create(member.token, { title: 'By a writer' })
        expect(document.createdBy).toBe(member.participant.id)
      }
      const before = (await list()).length
      for (const member of [commenter, observer]) {
        const body = expectError(
          await call(server, 'POST', documentsPath(), {
            token: member.token,
            body: { title: 'Not allowed' },
          }),
          403,
          'forbidden',
        )
        expect(body.error.details).toEqual({
          role: member === commenter ? 'commenter' : 'observer',
          rule: 'role_not_allowed',
        })
      }
      await expectAuthRefusals(
        server,
        { method: 'POST', path: documentsPath(), body: { title: 'Not allowed' } },
        other.token,
      )
      expect((await list()).length).toBe(before)
    })
  })

  describe('GET /api/workspaces/:id/documents', () => {
    it("lists the workspace's documents (every member), archived ones flagged", async () => {
      const fresh = await Site.open(server, 'Listing')
      const reader = await fresh.join('observer', 'Oki')
      const a = await create(fresh.token, { title: 'First' }, fresh)
      const b = await create(fresh.token, { title: 'Second', template: 'smart-city-vision' }, fresh)
      ok(
        await call(server, 'PATCH', `${documentsPath(fresh)}/${a.id}`, {
          token: fresh.token,
          body: { archived: true },
        }),
      )
      await create(other.token, { title: 'Elsewhere' }, other)
      for (const token of [fresh.token, reader.token]) {
        const documents = ok<{ documents: unknown[] }>(
          await call(server, 'GET', documentsPath(fresh), { token }),
        ).documents.map((entry) => PlanDocument.parse(entry))
        expect(documents).toEqual([{ ...a, archived: true }, b])
      }
      await expectAuthRefusals(server, { method: 'GET', path: documentsPath(fresh) }, other.token)
      expectBadRequest(
        await call(server, 'GET', `/api/workspaces/${overlongId}/documents`, {
          token: fresh.token,
        }),
        'id',
      )
    })
  })

  describe('GET /api/workspaces/:id/documents/:documentId', () => {
    it('answers one document and its rooms to every member', async () => {
      const document = await create(site.token, { title: 'Readable' })
      for (const token of [site.token, observer.token, commenter.token]) {
        const answer = ok<{ document: unknown }>(
          await call(server, 'GET', `${documentsPath()}/${document.id}`, { token }),
        )
        expect(PlanDocument.parse(answer.document)).toEqual(document)
      }
    })

    it('refuses unknown ids (404), other workspaces (403) and bad ids (400)', async () => {
      const document = await create(site.token, { title: 'Guarded' })
      const target = `${documentsPath()}/${document.id}`
      await expectAuthRefusals(server, { method: 'GET', path: target }, other.token)
      expectError(
        await call(server, 'GET', `${documentsPath()}/no-such-document`, { token: site.token }),
        404,
        'not_found',
      )
      // A document of another workspace is unknown under this workspace's path.
      const foreign = await create(other.token, { title: 'Secret' }, other)
      expectError(
        await call(server, 'GET', `${documentsPath()}/${foreign.id}`, { token: site.token }),
        404,
        'not_found',
      )
      expectBadRequest(
        await call(server, 'GET', `${documentsPath()}/${overlongId}`, { token: site.token }),
        'documentId',
      )
    })
  })

  describe('PATCH /api/workspaces/:id/documents/:documentId', () => {
    it('renames (writers, stakeholders included); bad input is a 400 and changes nothing', async () => {
      const document = await create(site.token, { title: 'Draft' })
      const target = `${documentsPath()}/${document.id}`
      const renamed = ok<{ document: unknown }>(
        await call(server, 'PATCH', target, {
          token: stakeholder.token,
          body: { title: '  Mobility plan 2030 ' },
        }),
      )
      expect(PlanDocument.parse(renamed.document)).toEqual({
        ...document,
        title: 'Mobility plan 2030',
      })
      const byMediator = ok<{ document: PlanDocument }>(
        await call(server, 'PATCH', target, { token: mediator.token, body: { title: 'Plan v2' } }),
      )
      expect(byMediator.document.title).toBe('Plan v2')
      expect((await list()).find((entry) => entry.id === document.id)?.title).toBe('Plan v2')
      expect(
        (await audit()).filter(
          (entry) => entry.action === 'document.renamed' && entry.target === document.id,
        ),
      ).toEqual([
        expect.objectContaining({
          actorId: stakeholder.participant.id,
          details: { from: 'Draft', to: 'Mobility plan 2030' },
        }),
        expect.objectContaining({
          actorId: mediator.participant.id,
          details: { from: 'Mobility plan 2030', to: 'Plan v2' },
        }),
      ])

      const patch = (body: unknown) => call(server, 'PATCH', target, { token: site.token, body })
      expectBadRequest(await patch({}))
      expectBadRequest(await patch({ title: '' }), 'title')
      expectBadRequest(await patch({ title: 'x'.repeat(201) }), 'title')
      expectBadRequest(await patch({ archived: 'yes' }), 'archived')
      expectBadRequest(await patch({ title: '', archived: 1 }), 'title', 'archived')
      expectError(
        await call(server, 'PATCH', target, { token: site.token, rawBody: '{"title":"x"' }),
        400,
        'bad_request',
      )
      expectBadRequest(
        await call(server, 'PATCH', `${documentsPath()}/${overlongId}`, {
          token: site.token,
          body: { title: 'x' },
        }),
        'documentId',
      )
      expect((await list()).find((entry) => entry.id === document.id)).toEqual({
        ...document,
        title: 'Plan v2',
      })
    })

    it('archives and unarchives (facilitator only); commenters and observers cannot rename', async () => {
      const document = await create(stakeholder.token, { title: 'To archive' })
      const target = `${documentsPath()}/${document.id}`
      for (const member of [stakeholder, mediator]) {
        for (const archived of [true, false]) {
          const body = expectError(
            await call(server, 'PATCH', target, { token: member.token, body: { archived } }),
            403,
            'forbidden',
          )
          expect(body.error.message).toContain('facilitator')
        }
        // Renaming and archiving at once is refused as a whole.
        expectError(
          await call(server, 'PATCH', target, {
            token: member.token,
            body: { title: 'Sneaky', archived: true },
          }),
          403,
          'forbidden',
        )
      }
      for (const member of [commenter, observer]) {
        expectError(
          await call(server, 'PATCH', target, { token: member.token, body: { title: 'Nope' } }),
          403,
          'forbidden',
        )
      }
      await expectAuthRefusals(
        server,
        { method: 'PATCH', path: target, body: { title: 'Nope' } },
        other.token,
      )
      expect((await list()).find((entry) => entry.id === document.id)).toEqual(document)

      const archived = ok<{ document: PlanDocument }>(
        await call(server, 'PATCH', target, { token: site.token, body: { archived: true } }),
      )
      expect(archived.document).toEqual({ ...document, archived: true })
      expect(
        PlanDocument.parse(
          ok<{ document: unknown }>(await call(server, 'GET', target, { token: observer.token }))
            .document,
        ).archived,
      ).toBe(true)
      const restored = ok<{ document: PlanDocument }>(
        await call(server, 'PATCH', target, { token: site.token, body: { archived: false } }),
      )
      expect(restored.document).toEqual(document)
      const actions = (await audit())
        .filter((entry) => entry.target === document.id)
        .map((entry) => [entry.action, entry.actorId])
      expect(actions).toEqual([
        ['document.created', stakeholder.participant.id],
        ['document.archived', site.created.participant.id],
        ['document.unarchived', site.created.participant.id],
      ])
    })

    it('refuses unknown documents and documents of another workspace with 404', async () => {
      expectError(
        await call(server, 'PATCH', `${documentsPath()}/no-such-document`, {
          token: site.token,
          body: { title: 'x' },
        }),
        404,
        'not_found',
      )
      const foreign = await create(other.token, { title: 'Not yours' }, other)
      expectError(
        await call(server, 'PATCH', `${documentsPath()}/${foreign.id}`, {
          token: site.token,
          body: { title: 'Taken over', archived: true },
        }),
        404,
        'not_found',
      )
      const untouched = ok<{ document: PlanDocument }>(
        await call(server, 'GET', `${documentsPath(other)}/${foreign.id}`, { token: other.token }),
      )
      expect(untouched.document).toEqual(foreign)
    })
  })
})
