import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import type { Invite } from '../../shared/src/schema/invite.js'
import {
  authenticatedRoutes,
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
  rowsMentioning,
  sha256,
  useWorkspaceApi,
  withStore,
  workspacePath,
  workspaceRows,
} from '../helpers/workspace-api.js'

describe('workspace API', () => {
  let server: TestServer
  /** Another workspace on the same server: its token must open nothing here. */
  let other: Site
  useWorkspaceApi((api) => ({ server, other } = api))
  const path = workspacePath

  describe('DELETE /api/workspaces/:id', () => {
    it('is for facilitators of the workspace only', async () => {
      const site = await Site.open(server, 'Not to be deleted')
      const sari = await site.join('stakeholder', 'Sari', 'business')
      const mira = await site.join('mediator', 'Mira', 'academia')
      for (const token of [sari.token, mira.token]) {
        expectError(await call(server, 'DELETE', path(site), { token }), 403, 'forbidden')
      }
      await expectAuthRefusals(server, { method: 'DELETE', path: path(site) }, other.token)
      expectBadRequest(
        await call(server, 'DELETE', `/api/workspaces/${overlongId}`, { token: site.token }),
        'id',
      )
      ok(await call(server, 'GET', path(site), { token: sari.token }))
    })

    itSqliteOnly(
      'deletes every row and room of the workspace, closes its sockets with 4404, and leaves others untouched',
      async () => {
        const site = await Site.open(server, 'To be deleted')
        const sari = await site.join('stakeholder', 'Sari', 'business')
        const vision = await site.document('Vision', 'smart-city-vision')
        const notes = await site.document('Notes')
        const { invite } = ok<{ invite: Invite }>(
          await call(server, 'POST', path(site, '/invites'), {
            token: site.token,
            body: { role: 'observer', maxUses: 5 },
          }),
          201,
        )
        // The other workspace has content of its own, in every table.
        const otherDocument = await other.document('Flood plan', 'smart-city-vision')
        await other.join('commenter', 'Citra', 'citizen')

        // Enough separately committed edits for a snapshot (COMPACT_AFTER_UPDATES=3), then one
        // more in the log. An edit is committed once a second client has it (relay follows commit).
        const client = connectClient(server, notes.room, { params: { token: sari.token } })
        const witness = connectClient(server, notes.room, { params: { token: site.token } })
        await Promise.all([waitForSynced(client), waitForSynced(witness)])
        const text = client.doc.getText('t')
        const write = async (word: string) => {
          text.insert(text.length, word)
          const expected = text.toString()
          await waitFor(
            () => witness.doc.getText('t').toString() === expected,
            `"${word}" to arrive`,
          )
        }
        const stored = (table: string) =>
          withStore(
            server,
            (db) =>
              (
                db.prepare(`SELECT count(*) AS n FROM ${table} WHERE room = ?`).get(notes.room) as {
                  n: number
                }
              ).n,
          )
        for (const word of ['one ', 'two ', 'three ', 'four ']) await write(word)
        await waitFor(() => stored('room_snapshot') === 1, 'the room to be compacted')
        await write('five')
        await waitFor(() => stored('room_update') > 0, 'the last edit to be stored')

        const before = withStore(server, (db) => workspaceRows(db, site.workspaceId))
        for (const [table, rows] of Object.entries(before)) {
          expect(rows.length, `${table} rows of the workspace before deletion`).toBeGreaterThan(0)
        }
        const otherBefore = withStore(server, (db) => workspaceRows(db, other.workspaceId))
        expect(otherBefore.room_update?.length).toBeGreaterThan(0)
        expect(otherBefore.document).toContainEqual(
          expect.objectContaining({ id: otherDocument.id }),
        )

        const answer = await call(server, 'DELETE', path(site), { token: site.token })
        expect(answer.status).toBe(204)
        expect(answer.text).toBe('')
        expect(
          answer.headers
            .getSetCookie()
            .some((line) => line.startsWith(`mufakat_${site.workspaceId}=;`)),
        ).toBe(true)
        await waitFor(
          () => client.closes.some((close) => close.code === CloseCode.roomNotFound),
          'the connected client to be closed with 4404',
        )
        // Rooms leave memory; nothing is written back once they do.
        await waitFor(async () => {
          const health = (await (await fetch(`${server.httpUrl}/healthz`)).json()) as {
            roomsLoaded: number
          }
          return health.roomsLoaded === 0
        }, 'every room to unload')

        const needles = [
          site.workspaceId,
          site.created.participant.id,
          sari.participant.id,
          vision.id,
          notes.id,
          invite.code,
          sha256(site.token),
          sha256(sari.token),
        ]
        const leftovers = withStore(server, (db) => ({
          rows: workspaceRows(db, site.workspaceId),
          mentions: rowsMentioning(db, needles),
          rooms: [vision.room, vision.commentsRoom, notes.room, notes.commentsRoom].map((room) => ({
            room,
            updates: db.prepare('SELECT count(*) AS n FROM room_update WHERE room = ?').get(room),
            snapshots: db
              .prepare('SELECT count(*) AS n FROM room_snapshot WHERE room = ?')
              .get(room),
          })),
        }))
        expect(leftovers.mentions).toEqual([])
        for (const rows of Object.values(leftovers.rows)) expect(rows).toEqual([])
        for (const room of leftovers.rooms) {
          expect(room).toEqual({ room: room.room, updates: { n: 0 }, snapshots: { n: 0 } })
        }
        // The other workspace is exactly as it was.
        expect(withStore(server, (db) => workspaceRows(db, other.workspaceId))).toEqual(otherBefore)
        ok(
          await call(
            server,
            'GET',
            `/api/workspaces/${other.workspaceId}/documents/${otherDocument.id}`,
            { token: other.token },
          ),
        )

        // Its tokens open nothing any more.
        for (const token of [site.token, sari.token]) {
          for (const route of authenticatedRoutes({
            workspaceId: site.workspaceId,
            participantId: sari.participant.id,
            documentId: notes.id,
            inviteCode: invite.code,
          })) {
            expectError(
              await call(server, route.method, route.path, {
                token,
                ...(route.body === undefined ? {} : { body: route.body }),
              }),
              401,
              'unauthorized',
            )
          }
        }
        // Its invite leads nowhere.
        expectError(await call(server, 'GET', `/api/invites/${invite.code}`), 404, 'not_found')
      },
    )
  })
})
