import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { signInLifetimeMs } from '../domain/people-and-access/sign-ins.js'

/**
 * The browser's half of a sign-in under way: a random id whose hash keys the server's checks.
 * SameSite=Lax, because the provider sends the browser back with a top-level navigation from
 * its own site (Strict would leave the cookie behind); HttpOnly, and only for /api/sign-in.
 */
const cookieName = 'mufakat_sign_in'
const path = '/api/sign-in'

const secure = (c: Context): boolean =>
  c.get('sessionCookiePolicy').secure || new URL(c.req.url).protocol === 'https:'

export const setSignInCookie = (c: Context, attemptId: string): void =>
  setCookie(c, cookieName, attemptId, {
    httpOnly: true,
    sameSite: 'Lax',
    path,
    secure: secure(c),
    maxAge: signInLifetimeMs / 1000,
  })

/** The attempt's id, and the cookie gone: each attempt is answered once. */
export const takeSignInCookie = (c: Context): string | undefined => {
  const attemptId = getCookie(c, cookieName)
  if (attemptId !== undefined) deleteCookie(c, cookieName, { path, secure: secure(c) })
  return attemptId
}
