import type { MiddlewareHandler } from 'hono'
import { DomainError } from '../domain/domain-error.js'
import type { RequestWindows } from '../limits/ports.js'

export interface RateLimitOptions {
  /** Where the counts live: this process, or the cluster's Redis (one limit for every node). */
  windows: RequestWindows
  /** Counted requests allowed per address in each window. */
  limit: number
  windowMs: number
  /** What is being limited, for the error message; also names the limit's counts. */
  what: string
  /**
   * Which answers count against the limit: only what the limit guards (a workspace created, an
   * invite code guessed wrong), so refused or unrelated calls never lock anyone out.
   */
  counts: (status: number) => boolean
}

/**
 * A fixed-window limit per client address: enough to blunt scripted abuse of the
 * unauthenticated routes (creating workspaces, guessing invite codes). When the counts cannot be
 * checked (the cluster's Redis is down) the request is refused (503): a limit fails closed.
 */
export const rateLimit = (options: RateLimitOptions): MiddlewareHandler => {
  return async (c, next) => {
    const key = `${options.what}:${c.get('clientAddress')}`
    // Throws LimitUnavailable when the counts cannot be reached: answered 503 like an outage.
    const taken = await options.windows.take(key, options.limit, options.windowMs)
    if (!taken.taken) {
      const retryAfter = Math.max(1, Math.ceil(taken.retryAfterMs / 1000))
      c.header('Retry-After', String(retryAfter))
      throw new DomainError(
        'rate_limited',
        `too many requests to ${options.what}; try again later`,
        { retryAfterSeconds: retryAfter },
      )
    }
    // Held while the request runs, so concurrent requests cannot all slip under the limit; given
    // back when the answer is not one the limit counts.
    let counted = false
    try {
      await next()
      counted = options.counts(c.res.status)
    } finally {
      if (!counted) await taken.giveBack()
    }
  }
}
