import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { minutesFileName } from '../../../../shared/src/artefacts/words.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import {
  CreateSessionBody,
  Session,
  SessionCommand,
  SessionState,
  SessionSummary,
  sessionKindRoles,
} from '../../../../shared/src/schema/session.js'
import { mediationMinutes } from '../../domain/mediation-and-agreements/mediation-minutes.js'
import { buildMinutes } from '../../domain/sessions-and-decisions/minutes.js'
import { minutesMarkdown } from '../../domain/sessions-and-decisions/minutes-markdown.js'
import {
  type ApiServices,
  actorOn,
  authErrors,
  bearerSecurity,
  conflictError,
  jsonContent,
} from '../api-context.js'
import { attachmentName } from '../attachment-name.js'
import { requestToken } from '../credentials.js'

const WorkspaceParams = z.object({ id: z.string().min(1).max(64) })
const SessionParams = z.object({ sessionId: z.string().min(1).max(64) })
const SessionAnswer = z.object({ session: Session, state: SessionState })

export const registerSessionRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, sessions, balances, chain, mediations, agreements, polls, workspaces } = services

  /** The caller, whose token must belong to the session's workspace. */
  const sessionActor = async (c: Context, sessionId: string): Promise<Participant> =>
    await actorOn(access, c, await sessions.workspaceOf(sessionId), 'session')

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/workspaces/{id}/sessions',
      tags: ['sessions'],
      summary: 'Open a workshop or mediation session with an agenda (facilitator, mediator)',
      security: bearerSecurity,
      request: {
        params: WorkspaceParams,
        body: { ...jsonContent(CreateSessionBody, 'The session'), required: true },
      },
      responses: { 201: jsonContent(SessionAnswer, 'Created, with its live room'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      const body = c.req.valid('json')
      access.requireRole(actor, sessionKindRoles[body.kind], `open a ${body.kind}`)
      return c.json(await sessions.create(actor, body), 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/sessions',
      tags: ['sessions'],
      summary: 'The sessions of the workspace',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: {
        200: jsonContent(z.object({ sessions: z.array(SessionSummary) }), 'Sessions'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await access.member(requestToken(c, id), id)
      return c.json({ sessions: await sessions.list(id) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/sessions/{sessionId}',
      tags: ['sessions'],
      summary: 'A session and its current state',
      security: bearerSecurity,
      request: { params: SessionParams },
      responses: { 200: jsonContent(SessionAnswer, 'The session'), ...authErrors },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      const actor = await sessionActor(c, sessionId)
      return c.json(await sessions.view(actor.workspaceId, sessionId), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/sessions/{sessionId}/commands',
      tags: ['sessions'],
      summary: 'Change the session: stage, timer, hands, floor, proposals, positions, end',
      description:
        'Checked against the role and the state machine: a command that does not fit the state answers 409 with `details.rule`. Every command is stored as an event and applied to the live room.',
      security: bearerSecurity,
      request: {
        params: SessionParams,
        body: { ...jsonContent(SessionCommand, 'The command'), required: true },
      },
      responses: {
        200: jsonContent(
          z.object({
            state: SessionState,
            /** On an anonymous proposal: what its giver sends to change their position. */
            receipt: z.string().optional(),
          }),
          'The state after the command (and the receipt of an anonymous position)',
        ),
        ...authErrors,
        ...conflictError,
      },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      const actor = await sessionActor(c, sessionId)
      return c.json(await sessions.command(actor, sessionId, c.req.valid('json')), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/sessions/{sessionId}/events',
      tags: ['sessions'],
      summary: 'Every command the session ran, in order (it replays to the same state)',
      security: bearerSecurity,
      request: { params: SessionParams },
      responses: {
        200: jsonContent(
          z.object({ events: z.array(z.record(z.string(), z.unknown())) }),
          'Events',
        ),
        ...authErrors,
      },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      const actor = await sessionActor(c, sessionId)
      const events = await sessions.events(actor.workspaceId, sessionId)
      return c.json({ events: events as unknown as Record<string, unknown>[] }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/sessions/{sessionId}/minutes',
      tags: ['sessions'],
      summary: 'Minutes: agenda with actual times, attendance, speaking time, proposals, decisions',
      security: bearerSecurity,
      request: {
        params: SessionParams,
        query: z.object({ format: z.enum(['md', 'json']).default('md') }),
      },
      responses: {
        200: {
          description: 'The minutes',
          content: {
            'text/markdown': { schema: z.string() },
            'application/json': { schema: z.record(z.string(), z.unknown()) },
          },
        },
        ...authErrors,
      },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      const actor = await sessionActor(c, sessionId)
      const { session } = await sessions.get(actor.workspaceId, sessionId)
      const built = buildMinutes(
        session,
        await sessions.events(actor.workspaceId, sessionId),
        await chain.decisions(actor.workspaceId),
        session.kind === 'mediation'
          ? mediationMinutes(
              await mediations.parties(sessionId),
              (await mediations.view(actor, sessionId)).caucuses,
              await agreements.listBySession(actor, sessionId),
            )
          : undefined,
        await chain.people(actor.workspaceId),
        (await balances.edits(actor.workspaceId, sessionId)).edits,
      )
      const minutes = { ...built, polls: await polls.list(actor, sessionId) }
      if (c.req.valid('query').format === 'json') {
        return c.json(minutes as unknown as Record<string, unknown>, 200)
      }
      const { language } = await workspaces.get(actor.workspaceId)
      return c.body(minutesMarkdown(minutes, language), 200, {
        'Content-Type': 'text/markdown; charset=utf-8',
        'Content-Disposition': attachmentName(
          minutesFileName(language, session.title, session.createdAt),
        ),
      })
    },
  )
}
