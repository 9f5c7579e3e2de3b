import { beforeAll, describe, expect, it } from 'vitest'
import { PlanDocument } from '../../shared/src/schema/document.js'
import {
  call,
  expectAuthRefusals,
  expectBadRequest,
  expectError,
  ok,
  overlongId,
} from '../helpers/api-cases.js'
import { documentsWorkshop, type Member } from '../helpers/documents-workshop.js'
import type { TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'

describe('document API: reading and changing documents', () => {
  const { workshop, documentsPath, create, list, audit } = documentsWorkshop()
  let server: TestServer
  let site: Site
  let other: Site
  let stakeholder: Member
  let mediator: Member
  let commenter: Member
  let observer: Member
  beforeAll(() => {
    ;({ server, site, other, stakeholder, mediator, commenter, observer } = workshop)
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
