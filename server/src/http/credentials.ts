import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

/** How this server's session cookies are flagged: decided once, from PUBLIC_URL. */
export interface SessionCookiePolicy {
  /** Served over HTTPS (behind a proxy that terminates TLS, the request itself is plain HTTP). */
  secure: boolean
}

declare module 'hono' {
  interface ContextVariableMap {
    sessionCookiePolicy: SessionCookiePolicy
  }
}

export const sessionCookiePolicy = (publicUrl: string | undefined): SessionCookiePolicy => ({
  secure: publicUrl?.startsWith('https:') ?? false,
})

/**
 * Browsers hold one HttpOnly cookie per workspace, so one person can be in several. Over HTTPS
 * the `__Host-` prefix makes browsers keep only a cookie set by this very host, Secure, on `/`:
 * a sibling subdomain or a plain-HTTP page cannot plant or overwrite it.
 */
export const sessionCookieName = (workspaceId: string, policy: SessionCookiePolicy): string =>
  `${policy.secure ? '__Host-' : ''}mufakat_${workspaceId}`

/** Hands every API request the cookie policy, so routes name and flag cookies one way. */
export const withSessionCookiePolicy =
  (policy: SessionCookiePolicy): MiddlewareHandler =>
  async (c, next) => {
    c.set('sessionCookiePolicy', policy)
    await next()
  }

const policyOf = (c: Context): SessionCookiePolicy => {
  const policy = c.get('sessionCookiePolicy')
  if (!policy) throw new Error('withSessionCookiePolicy is not installed before this route')
  return policy
}

const bearerPattern = /^Bearer\s+(\S+)$/i

export const bearerToken = (header: string | undefined): string | undefined =>
  header ? bearerPattern.exec(header)?.[1] : undefined

/** The caller's token for `workspaceId`: `Authorization: Bearer` first, then the cookie. */
export const requestToken = (c: Context, workspaceId: string): string | undefined =>
  bearerToken(c.req.header('authorization')) ??
  getCookie(c, sessionCookieName(workspaceId, policyOf(c)))

/** Every token the caller presents: the bearer token, or the session cookie of each workspace. */
export const requestTokens = (c: Context): string[] => {
  const bearer = bearerToken(c.req.header('authorization'))
  if (bearer) return [bearer]
  const prefix = sessionCookieName('', policyOf(c))
  return Object.entries(getCookie(c)).flatMap(([name, value]) =>
    name.startsWith(prefix) ? [value] : [],
  )
}

export const setSessionCookie = (c: Context, workspaceId: string, token: string): void => {
  const policy = policyOf(c)
  setCookie(c, sessionCookieName(workspaceId, policy), token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: policy.secure || new URL(c.req.url).protocol === 'https:',
    maxAge: 60 * 60 * 24 * 365,
  })
}

export const clearSessionCookie = (c: Context, workspaceId: string): void => {
  const policy = policyOf(c)
  deleteCookie(c, sessionCookieName(workspaceId, policy), {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    secure: policy.secure,
  })
}
