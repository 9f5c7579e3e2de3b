import type { MiddlewareHandler } from 'hono'
import { timingSafeEqual } from 'hono/utils/buffer'
import { DomainError } from '../domain/domain-error.js'
import type { RequestWindows } from '../limits/ports.js'
import { bearerToken } from './credentials.js'
import { rateLimit } from './rate-limit.js'

/**
 * Who may create a workspace, decided before the body is read. With ADMIN_TOKEN only its holder
 * may, and nobody else's attempts count against anything; without it anyone may, and each
 * address may create `perHour` workspaces (only creations count, not refused attempts).
 */
export const workspaceCreation = (options: {
  adminToken: string | undefined
  perHour: number
  windows: RequestWindows
}): MiddlewareHandler => {
  const { adminToken } = options
  const limit = rateLimit({
    windows: options.windows,
    limit: options.perHour,
    windowMs: 3_600_000,
    what: 'create workspaces',
    counts: (status) => status === 201,
  })
  return async (c, next) => {
    if (!adminToken) return limit(c, next)
    const presented = bearerToken(c.req.header('authorization'))
    if (!presented || !(await timingSafeEqual(presented, adminToken))) {
      throw new DomainError('unauthorized', 'creating a workspace needs the admin token')
    }
    await next()
  }
}
