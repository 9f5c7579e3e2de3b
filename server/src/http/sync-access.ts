import { parse } from 'hono/utils/cookie'
import { CloseCode } from '../../../shared/src/protocol/close-code.js'
import type { Access } from '../domain/people-and-access/access.js'
import type { Authorize, ConnectionRequest } from '../sync/ports.js'
import { type SessionCookiePolicy, sessionCookieName } from './credentials.js'
import type { OriginPolicy } from './origin-policy.js'

const header = (request: ConnectionRequest, name: string): string | undefined => {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/**
 * The socket side of access: `?token=` (the official client) or the workspace's cookie.
 * Browsers send cookies with a WebSocket upgrade whatever page opened it, so an upgrade from a
 * page of another origin is refused, by the same rule as the REST API's.
 */
export const createSyncAuthorize =
  (access: Access, originPolicy: OriginPolicy, cookies: SessionCookiePolicy): Authorize =>
  async (request) => {
    const from = {
      origin: header(request, 'origin'),
      fetchSite: header(request, 'sec-fetch-site'),
      host: header(request, 'host'),
    }
    if (!originPolicy.allows(from)) {
      return { refused: CloseCode.forbidden, reason: 'connections from this origin are refused' }
    }
    let token = request.url.searchParams.get('token') ?? undefined
    if (!token) {
      const workspaceId = await access.workspaceOfRoom(request.room)
      const jar = parse(header(request, 'cookie') ?? '')
      if (workspaceId) token = jar[sessionCookieName(workspaceId, cookies)]
    }
    const decision = await access.room(request.room, token)
    if ('refused' in decision) return decision
    return {
      permission: decision.permission,
      principal: decision.participant.id,
      user: decision.user,
      ...(decision.judge ? { judge: decision.judge } : {}),
    }
  }
