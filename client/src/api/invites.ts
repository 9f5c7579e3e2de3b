import { z } from 'zod'
import {
  type AcceptInviteBody,
  CreatedInvite,
  type CreateInviteBody,
  Invite,
} from '../../../shared/src/schema/invite.js'
import { Credentials, Workspace } from '../../../shared/src/schema/workspace.js'
import { request } from './http.js'

export const InvitePreview = z.object({
  workspace: Workspace.pick({ id: true, name: true, description: true }),
  invite: Invite.pick({ role: true, group: true, expiresAt: true }),
})
export type InvitePreview = z.infer<typeof InvitePreview>

const code = (value: string) => `/api/invites/${encodeURIComponent(value)}`
const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}/invites`

export const previewInvite = (value: string) => request('GET', code(value), InvitePreview)

/** Joins; the server sets the cookie. The token in the answer is dropped on purpose. */
export const acceptInvite = async (value: string, body: AcceptInviteBody) =>
  (await request('POST', `${code(value)}/accept`, Credentials, body)).participant

export const fetchInvites = async (workspaceId: string) =>
  (await request('GET', base(workspaceId), z.object({ invites: z.array(Invite) }))).invites

export const createInvite = (workspaceId: string, body: CreateInviteBody) =>
  request('POST', base(workspaceId), CreatedInvite, body)

export const revokeInvite = (workspaceId: string, inviteCode: string) =>
  request('DELETE', `${base(workspaceId)}/${encodeURIComponent(inviteCode)}`, z.undefined())
