import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
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
import type { Site } from '../helpers/site.js'
import { isoDate } from '../helpers/workspace-api.js'

const smartCityHeadings = [
  'Smart economy',
  'Smart people',
  'Smart governance',
  'Smart mobility',
  'Smart environment',
  'Smart living',
]

describe('document API: creating a document', () => {
  const { workshop, documentsPath, create, list, audit, readFragment } = documentsWorkshop()
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
})
