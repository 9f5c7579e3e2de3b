import { z } from 'zod'
import { AuditEntry } from '../../../shared/src/schema/audit.js'
import { Participant } from '../../../shared/src/schema/people.js'
import {
  CreatedWorkspace,
  type CreateWorkspaceBody,
  Me,
} from '../../../shared/src/schema/workspace.js'
import { request } from './http.js'

const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}`

/** The answer without the token: the browser keeps it only as the HttpOnly cookie. */
export const createWorkspace = async (body: CreateWorkspaceBody) => {
  const { workspace, participant } = await request(
    'POST',
    '/api/workspaces',
    CreatedWorkspace,
    body,
  )
  return { workspace, participant }
}

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
