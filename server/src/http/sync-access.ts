import { parse } from 'hono/utils/cookie'
import { CloseCode } from '../../../shared/src/protocol/close-code.js'
import type { Access } from '../domain/access.js'
import type { Authorize, ConnectionRequest } from '../sync/ports.js'
import { sessionCookieName } from './credentials.js'

const header = (request: ConnectionRequest, name: string): string | undefined => {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/**
 * Browsers send cookies with a WebSocket upgrade whatever page opened it, so an upgrade from a
 * page of another origin is refused. Clients that send no Origin (scripts, the official client
 * on Node) are not browsers and authenticate with their token alone.
 */
const originAllowed = (request: ConnectionRequest, allowedOrigins: readonly string[]): boolean => {
  const origin = header(request, 'origin')
  if (!origin) return true
  if (allowedOrigins.includes(origin)) return true
  try {
    return new URL(origin).host === header(request, 'host')
  } catch {
    return false
  }
}

/** The socket side of access: `?token=` (the official client) or the workspace's cookie. */
export const createSyncAuthorize =
  (access: Access, allowedOrigins: readonly string[]): Authorize =>
  async (request) => {
    if (!originAllowed(request, allowedOrigins)) {
      return { refused: CloseCode.forbidden, reason: 'connections from this origin are refused' }
    }
    let token = request.url.searchParams.get('token') ?? undefined
    if (!token) {
      const workspaceId = access.workspaceOfRoom(request.room)
      const cookies = parse(header(request, 'cookie') ?? '')
      if (workspaceId) token = cookies[sessionCookieName(workspaceId)]
    }
    const decision = access.room(request.room, token)
    if ('refused' in decision) return decision
    return {
      permission: decision.permission,
      principal: decision.participant.id,
      user: decision.user,
      ...(decision.judge ? { judge: decision.judge } : {}),
    }
  }
