import { z } from 'zod'
import { AuditEntry } from '../../../shared/src/schema/audit.js'
import type { Language } from '../../../shared/src/schema/language.js'
import { Participant, type UpdateParticipantBody } from '../../../shared/src/schema/people.js'
import {
  CreatedWorkspace,
  type CreateWorkspaceBody,
  Me,
  type UpdateWorkspaceBody,
  Workspace,
} from '../../../shared/src/schema/workspace.js'
import { request } from './http.js'

const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}`

/** The answer without the token: the browser keeps it only as the HttpOnly cookie. */
/** `adminToken`: the server's ADMIN_TOKEN, when it has one; used for this call only, never kept. */
export const createWorkspace = async (body: CreateWorkspaceBody, adminToken?: string) => {
  const { workspace, participant } = await request(
    'POST',
    '/api/workspaces',
    CreatedWorkspace,
    body,
    adminToken ? { authorization: `Bearer ${adminToken}` } : {},
  )
  return { workspace, participant }
}

/** A facilitator changes the language the workspace's artefacts are produced in. */
export const setWorkspaceLanguage = async (workspaceId: string, language: Language) =>
  (
    await request('PATCH', base(workspaceId), z.object({ workspace: Workspace }), {
      language,
    } satisfies UpdateWorkspaceBody)
  ).workspace

export const fetchMe = (workspaceId: string) => request('GET', `${base(workspaceId)}/me`, Me)

export const fetchParticipants = async (workspaceId: string) =>
  (
    await request(
      'GET',
      `${base(workspaceId)}/participants`,
      z.object({ participants: z.array(Participant) }),
    )
  ).participants

export const fetchAudit = async (workspaceId: string) =>
  (await request('GET', `${base(workspaceId)}/audit`, z.object({ entries: z.array(AuditEntry) })))
    .entries

/** Clears this browser's cookie for the workspace. */
export const endSession = (workspaceId: string) =>
  request('DELETE', `${base(workspaceId)}/session`, z.undefined())

/** Changes someone's role or group (facilitators); 409 `conflict` if no facilitator would be left. */
export const updateParticipant = async (
  workspaceId: string,
  participantId: string,
  body: UpdateParticipantBody,
) =>
  (
    await request(
      'PATCH',
      `${base(workspaceId)}/participants/${encodeURIComponent(participantId)}`,
      z.object({ participant: Participant }),
      body,
    )
  ).participant

/** Removes someone (facilitators); their sockets close with 4401 and their token stops working. */
export const removeParticipant = (workspaceId: string, participantId: string) =>
  request(
    'DELETE',
    `${base(workspaceId)}/participants/${encodeURIComponent(participantId)}`,
    z.undefined(),
  )
