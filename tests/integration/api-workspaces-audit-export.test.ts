import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AuditEntry } from '../../shared/src/schema/audit.js'
import { PlanDocument } from '../../shared/src/schema/document.js'
import { Invite } from '../../shared/src/schema/invite.js'
import { Participant } from '../../shared/src/schema/people.js'
import { Workspace } from '../../shared/src/schema/workspace.js'
import {
  call,
  expectAuthRefusals,
  expectBadRequest,
  expectError,
  ok,
  overlongId,
} from '../helpers/api-cases.js'
import { connectClient, waitForSynced } from '../helpers/clients.js'
import { itSqliteOnly } from '../helpers/postgres.js'
import type { TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'
import {
  byId,
  isoDate,
  useWorkspaceApi,
  withStore,
  workspacePath,
} from '../helpers/workspace-api.js'

describe('workspace API', () => {
  let server: TestServer
  /** Another workspace on the same server: its token must open nothing here. */
  let other: Site
  useWorkspaceApi((api) => ({ server, other } = api))
  const path = workspacePath

  describe('GET /api/workspaces/:id/audit', () => {
    it('lists who did what and when: role changes, removals, invites, archiving (facilitator only)', async () => {
      const site = await Site.open(server, 'Audited')
      const facilitatorId = site.created.participant.id
      const putu = await site.join('observer', 'Putu', 'community')
      const lia = await site.join('stakeholder', 'Lia', 'academia')
      ok(
        await call(server, 'PATCH', path(site, `/participants/${putu.participant.id}`), {
          token: site.token,
          body: { role: 'commenter' },
        }),
      )
      expect(
        (
          await call(server, 'DELETE', path(site, `/participants/${lia.participant.id}`), {
            token: site.token,
          })
        ).status,
      ).toBe(204)
      const { invite } = ok<{ invite: Invite }>(
        await call(server, 'POST', path(site, '/invites'), {
          token: site.token,
          body: { role: 'mediator', maxUses: 2 },
        }),
        201,
      )
      expect(
        (await call(server, 'DELETE', path(site, `/invites/${invite.code}`), { token: site.token }))
          .status,
      ).toBe(204)
      const document = await site.document('Vision')
      ok(
        await call(server, 'PATCH', path(site, `/documents/${document.id}`), {
          token: site.token,
          body: { archived: true },
        }),
      )

      const answer = ok<{ entries: unknown[] }>(
        await call(server, 'GET', path(site, '/audit'), { token: site.token }),
      )
      const entries = answer.entries.map((entry) => AuditEntry.parse(entry))
      for (const entry of entries) {
        expect(entry.workspaceId).toBe(site.workspaceId)
        expect(entry.at).toMatch(isoDate)
      }
      const ids = entries.map((entry) => entry.id)
      expect(ids).toEqual([...ids].sort((a, b) => a - b))
      const find = (action: string, target: string) =>
        entries.find((entry) => entry.action === action && entry.target === target)
      expect(find('workspace.created', site.workspaceId)?.actorId).toBe(facilitatorId)
      expect(find('participant.role_changed', putu.participant.id)).toMatchObject({
        actorId: facilitatorId,
        details: { from: 'observer', to: 'commenter' },
      })
      expect(find('participant.removed', lia.participant.id)).toMatchObject({
        actorId: facilitatorId,
        details: { displayName: 'Lia' },
      })
      expect(find('invite.created', invite.code)).toMatchObject({
        actorId: facilitatorId,
        details: { role: 'mediator', maxUses: 2 },
      })
      expect(find('invite.revoked', invite.code)?.actorId).toBe(facilitatorId)
      expect(find('document.archived', document.id)?.actorId).toBe(facilitatorId)
      expect(
        entries.some(
          (entry) => entry.action === 'invite.accepted' && entry.actorId === putu.participant.id,
        ),
      ).toBe(true)
      // In the order they happened.
      const order = [
        'participant.role_changed',
        'participant.removed',
        'invite.revoked',
        'document.archived',
      ].map((action) => entries.findIndex((entry) => entry.action === action))
      expect(order).toEqual([...order].sort((a, b) => a - b))
      expect(order.every((index) => index >= 0)).toBe(true)

      // Nobody but a facilitator reads it.
      const mira = await site.join('mediator', 'Mira', 'government')
      for (const token of [putu.token, mira.token]) {
        expectError(await call(server, 'GET', path(site, '/audit'), { token }), 403, 'forbidden')
      }
      await expectAuthRefusals(server, { method: 'GET', path: path(site, '/audit') }, other.token)
      expectBadRequest(
        await call(server, 'GET', `/api/workspaces/${overlongId}/audit`, { token: site.token }),
        'id',
      )
    })
  })

  describe('GET /api/workspaces/:id/export', () => {
    itSqliteOnly(
      'answers everything the workspace holds, room contents included, and no token material',
      async () => {
        const site = await Site.open(server, 'Exported')
        const sari = await site.join('stakeholder', 'Sari', 'business')
        const vision = await site.document('City vision', 'smart-city-vision')
        const notes = await site.document('Notes')
        const writer = connectClient(server, notes.room, { params: { token: sari.token } })
        await waitForSynced(writer)
        writer.doc.getXmlFragment('default').insert(0, [new Y.XmlText('exported words')])
        const commenter = connectClient(server, notes.commentsRoom, {
          params: { token: sari.token },
        })
        await waitForSynced(commenter)
        // Threads are keyed by id: a comments room refuses a list entry at its root.
        commenter.doc.getMap('threads').set('t1', 'a comment')
        // Both edits are stored once another client sees them (relay follows commit).
        const reader = connectClient(server, notes.room, { params: { token: site.token } })
        await waitFor(
          () => reader.doc.getXmlFragment('default').toString().includes('exported words'),
          'the edit to be stored and relayed',
        )
        const commentReader = connectClient(server, notes.commentsRoom, {
          params: { token: site.token },
        })
        await waitFor(
          () => commentReader.doc.getMap('threads').size === 1,
          'the comment to be stored and relayed',
        )

        const answer = await call(server, 'GET', path(site, '/export'), { token: site.token })
        const exported = ok<{
          exportedAt: string
          workspace: unknown
          participants: unknown[]
          invites: unknown[]
          documents: (Record<string, unknown> & {
            rooms: Record<string, { update: string; text?: string }>
          })[]
          audit: unknown[]
        }>(answer)
        expect(answer.headers.get('content-disposition')).toContain(
          `mufakat-${site.workspaceId}.json`,
        )
        expect(exported.exportedAt).toMatch(isoDate)
        expect(Workspace.parse(exported.workspace)).toEqual(site.created.workspace)
        expect(
          byId(exported.participants.map((entry) => Participant.strict().parse(entry))),
        ).toEqual(byId([site.created.participant, sari.participant]))
        const invites = exported.invites.map((entry) => Invite.parse(entry))
        expect(invites.map((invite) => invite.role)).toEqual(['stakeholder'])
        expect(invites[0]?.uses).toBe(1)
        expect(byId(exported.documents.map((document) => PlanDocument.parse(document)))).toEqual(
          byId([vision, notes]),
        )
        const visionExport = exported.documents.find((document) => document.id === vision.id)
        const notesExport = exported.documents.find((document) => document.id === notes.id)
        expect(Object.keys(visionExport?.rooms ?? {}).sort()).toEqual(
          [vision.commentsRoom, vision.room].sort(),
        )
        for (const heading of ['Smart economy', 'Smart living']) {
          expect(visionExport?.rooms[vision.room]?.text).toContain(heading)
        }
        expect(notesExport?.rooms[notes.room]?.text).toContain('exported words')
        const comments = new Y.Doc()
        Y.applyUpdate(
          comments,
          Buffer.from(notesExport?.rooms[notes.commentsRoom]?.update ?? '', 'base64'),
        )
        expect(comments.getMap('threads').toJSON()).toEqual({ t1: 'a comment' })
        const audit = exported.audit.map((entry) => AuditEntry.parse(entry))
        expect(audit.map((entry) => entry.action)).toEqual(
          expect.arrayContaining([
            'workspace.created',
            'invite.accepted',
            'document.created',
            'workspace.exported',
          ]),
        )

        // No token, and no token hash, anywhere in it.
        const hashes = withStore(server, (db) =>
          db
            .prepare('SELECT token_hash FROM participant WHERE workspace_id = ?')
            .all(site.workspaceId),
        ) as { token_hash: string }[]
        expect(hashes).toHaveLength(2)
        for (const secret of [site.token, sari.token, ...hashes.map((row) => row.token_hash)]) {
          expect(answer.text).not.toContain(secret)
        }
        expect(answer.text).not.toMatch(/token/i)

        // Facilitators only.
        expectError(
          await call(server, 'GET', path(site, '/export'), { token: sari.token }),
          403,
          'forbidden',
        )
        await expectAuthRefusals(
          server,
          { method: 'GET', path: path(site, '/export') },
          other.token,
        )
        expectBadRequest(
          await call(server, 'GET', `/api/workspaces/${overlongId}/export`, { token: site.token }),
          'id',
        )
      },
    )
  })
})
