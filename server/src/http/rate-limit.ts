import type { MiddlewareHandler } from 'hono'
import { DomainError } from '../domain/domain-error.js'

export interface RateLimitOptions {
  /** Counted requests allowed per address in each window. */
  limit: number
  windowMs: number
  /** What is being limited, for the error message. */
  what: string
  /**
   * Which answers count against the limit: only what the limit guards (a workspace created, an
   * invite code guessed wrong), so refused or unrelated calls never lock anyone out.
   */
  counts: (status: number) => boolean
}

/**
 * A fixed-window limit per client address, in memory: enough to blunt scripted abuse of the
 * unauthenticated routes (creating workspaces, guessing invite codes) on one server.
 */
export const rateLimit = (options: RateLimitOptions): MiddlewareHandler => {
  const windows = new Map<string, { startedAt: number; count: number }>()
  return async (c, next) => {
    const now = Date.now()
    const address = c.get('clientAddress')
    let window = windows.get(address)
    if (!window || now - window.startedAt >= options.windowMs) {
      // Forget finished windows now and then, so the map cannot grow without end.
      if (windows.size > 10_000) windows.clear()
      window = { startedAt: now, count: 0 }
      windows.set(address, window)
    }
    if (window.count >= options.limit) {
      const retryAfter = Math.ceil((window.startedAt + options.windowMs - now) / 1000)
      c.header('Retry-After', String(retryAfter))
      throw new DomainError(
        'rate_limited',
        `too many requests to ${options.what}; try again later`,
        { retryAfterSeconds: retryAfter },
      )
    }
    // Held while the request runs, so concurrent requests cannot all slip under the limit; given
    // back when the answer is not one the limit counts.
    const held = window
    held.count += 1
    let counted = false
    try {
      await next()
      counted = options.counts(c.res.status)
    } finally {
      if (!counted) held.count -= 1
    }
  }
}
