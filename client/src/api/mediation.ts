import { z } from 'zod'
import {
  type BoardCommand,
  Caucus,
  Mediation,
  type OpenCaucusBody,
  Party,
  type PartyBody,
} from '../../../shared/src/schema/mediation.js'
import { request } from './http.js'

const sessionBase = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`
const caucusBase = (caucusId: string) => `/api/caucuses/${encodeURIComponent(caucusId)}`

/** A mediation's parties, caucuses (each saying whether the caller may enter) and board room. */
export const fetchMediation = (sessionId: string) =>
  request('GET', `${sessionBase(sessionId)}/mediation`, Mediation)

/** The mediator names a party and its representatives. */
export const createParty = async (sessionId: string, body: PartyBody) =>
  (await request('POST', `${sessionBase(sessionId)}/parties`, z.object({ party: Party }), body))
    .party

export const updateParty = async (sessionId: string, partyId: string, body: PartyBody) =>
  (
    await request(
      'PUT',
      `${sessionBase(sessionId)}/parties/${encodeURIComponent(partyId)}`,
      z.object({ party: Party }),
      body,
    )
  ).party

/** The mediator opens a private caucus with one party. */
export const openCaucus = async (sessionId: string, body: OpenCaucusBody) =>
  (await request('POST', `${sessionBase(sessionId)}/caucuses`, z.object({ caucus: Caucus }), body))
    .caucus

/** A caucus; 403 for anyone but its mediator and party. */
export const fetchCaucus = async (caucusId: string) =>
  (await request('GET', caucusBase(caucusId), z.object({ caucus: Caucus }))).caucus

/** Closes a caucus: its rooms become read-only, still only for the same people. */
export const closeCaucus = async (caucusId: string) =>
  (await request('POST', `${caucusBase(caucusId)}/close`, z.object({ caucus: Caucus }))).caucus

/** Changes the board; the answer carries no state (the board room brings it to everyone). */
export const sendBoardCommand = async (sessionId: string, command: BoardCommand) => {
  await request(
    'POST',
    `${sessionBase(sessionId)}/board`,
    z.object({ ok: z.literal(true) }),
    command,
  )
}
