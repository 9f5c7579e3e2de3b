import type { MiddlewareHandler } from 'hono'
import { DomainError } from '../domain/domain-error.js'
import { bearerToken } from './credentials.js'
import type { OriginPolicy } from './origin-policy.js'

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses a state-changing request that a page of another origin made the browser send (with
 * the browser's cookie, or to plant one: accepting an invite logs the browser in). SameSite=Strict
 * already keeps the cookie from other sites; this also covers sibling origins of the same site.
 * A bearer token is never sent by a browser on its own, so such calls are not checked.
 * (`hono/csrf` checks only the content types a plain HTML form can send; checking every unsafe
 * method does not depend on how each route reads its body, nor on CORS staying closed.)
 */
export const refuseCrossSite =
  (policy: OriginPolicy): MiddlewareHandler =>
  async (c, next) => {
    if (safeMethods.has(c.req.method) || bearerToken(c.req.header('authorization'))) {
      return next()
    }
    const request = {
      origin: c.req.header('origin'),
      fetchSite: c.req.header('sec-fetch-site'),
      host: c.req.header('host'),
    }
    if (!policy.allows(request)) {
      throw new DomainError('forbidden', 'requests from pages of another origin are refused', {
        origin: request.origin ?? null,
        fetchSite: request.fetchSite ?? null,
      })
    }
    await next()
  }
