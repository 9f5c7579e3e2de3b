import {
  type BeginSignInBody,
  BegunSignIn,
  type SetWorkspaceSignInBody,
  WorkspaceSignIn,
} from '../../../shared/src/schema/sign-in.js'
import { request } from './http.js'

const path = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}/sign-in`

/** Whether the workspace accepts the server's identity provider, and the provider's name. */
export const fetchWorkspaceSignIn = (workspaceId: string) =>
  request('GET', path(workspaceId), WorkspaceSignIn)

export const setWorkspaceSignIn = (workspaceId: string, accepted: boolean) =>
  request('PUT', path(workspaceId), WorkspaceSignIn, { accepted } satisfies SetWorkspaceSignInBody)

/** Begins a sign-in (the server sets its cookie): the provider URL to send the browser to. */
export const beginSignIn = async (body: BeginSignInBody) =>
  (await request('POST', '/api/sign-in', BegunSignIn, body)).url
