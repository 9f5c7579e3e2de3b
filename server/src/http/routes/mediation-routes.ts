import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  BoardCommand,
  Caucus,
  EntityId,
  Mediation,
  OpenCaucusBody,
  Party,
  PartyBody,
} from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import {
  type ApiServices,
  actorOn,
  authErrors,
  bearerSecurity,
  conflictError,
  jsonContent,
} from '../api-context.js'

const SessionParams = z.object({ sessionId: EntityId })
const PartyParams = SessionParams.extend({ partyId: EntityId })
const CaucusParams = z.object({ caucusId: EntityId })
const PartyAnswer = z.object({ party: Party })
const CaucusAnswer = z.object({ caucus: Caucus })

/** Mediation sessions: parties and their representatives, and private caucuses. */
export const registerMediationRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, sessions, mediations } = services
  const sessionActor = async (c: Context, sessionId: string): Promise<Participant> =>
    await actorOn(access, c, await sessions.workspaceOf(sessionId), 'session')
  const caucusActor = async (c: Context, caucusId: string): Promise<Participant> => {
    // Private to a few people: no browser or proxy keeps a copy of any answer about it.
    c.header('Cache-Control', 'no-store')
    return await actorOn(access, c, await mediations.workspaceOfCaucus(caucusId), 'caucus')
  }

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/sessions/{sessionId}/mediation',
      tags: ['mediation'],
      summary: 'A mediation: its mediator, parties, caucuses (and whether you may enter) and board',
      security: bearerSecurity,
      request: { params: SessionParams },
      responses: { 200: jsonContent(Mediation, 'The mediation'), ...authErrors, ...conflictError },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      return c.json(await mediations.view(await sessionActor(c, sessionId), sessionId), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/sessions/{sessionId}/parties',
      tags: ['mediation'],
      summary: 'Name a party and its representatives (the mediator)',
      description: 'A participant represents at most one party of a mediation (409 otherwise).',
      security: bearerSecurity,
      request: {
        params: SessionParams,
        body: { ...jsonContent(PartyBody, 'The party'), required: true },
      },
      responses: { 201: jsonContent(PartyAnswer, 'Named'), ...authErrors, ...conflictError },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      const actor = await sessionActor(c, sessionId)
      return c.json(
        { party: await mediations.addParty(actor, sessionId, c.req.valid('json')) },
        201,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'put',
      path: '/api/sessions/{sessionId}/parties/{partyId}',
      tags: ['mediation'],
      summary: 'Rename a party or change its representatives (the mediator)',
      description: 'Someone no longer in the party is taken out of its caucuses at once.',
      security: bearerSecurity,
      request: {
        params: PartyParams,
        body: { ...jsonContent(PartyBody, 'The party'), required: true },
      },
      responses: { 200: jsonContent(PartyAnswer, 'Changed'), ...authErrors, ...conflictError },
    }),
    async (c) => {
      const { sessionId, partyId } = c.req.valid('param')
      const actor = await sessionActor(c, sessionId)
      const party = await mediations.updateParty(actor, sessionId, partyId, c.req.valid('json'))
      return c.json({ party }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/sessions/{sessionId}/board',
      tags: ['mediation'],
      summary: 'Change the issues and options board: issues, interests per party, options',
      description:
        'The board room is written by the server only. Facilitators, mediators and stakeholders add issues and options (removed by their author or the mediator); a party’s interests are stated by its representatives or the mediator.',
      security: bearerSecurity,
      request: {
        params: SessionParams,
        body: { ...jsonContent(BoardCommand, 'The change'), required: true },
      },
      responses: {
        200: jsonContent(z.object({ ok: z.literal(true) }), 'Applied to the board room'),
        ...authErrors,
        ...conflictError,
      },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      await services.board.command(await sessionActor(c, sessionId), sessionId, c.req.valid('json'))
      return c.json({ ok: true as const }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/sessions/{sessionId}/caucuses',
      tags: ['mediation'],
      summary: 'Open a private caucus with one party (the mediator)',
      description:
        'Creates a text room and a notes room that only the mediator and the party can open, on the socket and here.',
      security: bearerSecurity,
      request: {
        params: SessionParams,
        body: { ...jsonContent(OpenCaucusBody, 'The caucus'), required: true },
      },
      responses: { 201: jsonContent(CaucusAnswer, 'Opened'), ...authErrors, ...conflictError },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      const actor = await sessionActor(c, sessionId)
      return c.json(
        { caucus: await mediations.openCaucus(actor, sessionId, c.req.valid('json')) },
        201,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/caucuses/{caucusId}',
      tags: ['mediation'],
      summary: 'A caucus (its mediator and party only)',
      security: bearerSecurity,
      request: { params: CaucusParams },
      responses: { 200: jsonContent(CaucusAnswer, 'The caucus'), ...authErrors },
    }),
    async (c) => {
      const { caucusId } = c.req.valid('param')
      return c.json(
        { caucus: await mediations.caucus(await caucusActor(c, caucusId), caucusId) },
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/caucuses/{caucusId}/content',
      tags: ['mediation'],
      summary: 'What was written in a caucus, as Markdown, with its notes (its mediator and party)',
      security: bearerSecurity,
      request: { params: CaucusParams },
      responses: {
        200: jsonContent(
          z.object({
            markdown: z.string(),
            notes: z.array(
              z.object({ quote: z.string(), author: z.string(), text: z.string(), at: z.string() }),
            ),
          }),
          'The caucus content',
        ),
        ...authErrors,
      },
    }),
    async (c) => {
      const { caucusId } = c.req.valid('param')
      return c.json(await mediations.caucusContent(await caucusActor(c, caucusId), caucusId), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/caucuses/{caucusId}/close',
      tags: ['mediation'],
      summary: 'Close a caucus: it stays readable, by the same people only (its mediator)',
      security: bearerSecurity,
      request: { params: CaucusParams },
      responses: { 200: jsonContent(CaucusAnswer, 'Closed'), ...authErrors, ...conflictError },
    }),
    async (c) => {
      const { caucusId } = c.req.valid('param')
      return c.json(
        { caucus: await mediations.closeCaucus(await caucusActor(c, caucusId), caucusId) },
        200,
      )
    },
  )
}
