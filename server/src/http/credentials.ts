import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

/** Browsers hold one HttpOnly cookie per workspace, so one person can be in several. */
export const sessionCookieName = (workspaceId: string): string => `mufakat_${workspaceId}`

const bearerPattern = /^Bearer\s+(\S+)$/i

export const bearerToken = (header: string | undefined): string | undefined =>
  header ? bearerPattern.exec(header)?.[1] : undefined

/** The caller's token for `workspaceId`: `Authorization: Bearer` first, then the cookie. */
export const requestToken = (c: Context, workspaceId: string): string | undefined =>
  bearerToken(c.req.header('authorization')) ?? getCookie(c, sessionCookieName(workspaceId))

export const setSessionCookie = (c: Context, workspaceId: string, token: string): void =>
  setCookie(c, sessionCookieName(workspaceId), token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: 60 * 60 * 24 * 365,
  })

export const clearSessionCookie = (c: Context, workspaceId: string): void => {
  deleteCookie(c, sessionCookieName(workspaceId), { path: '/', httpOnly: true, sameSite: 'Strict' })
}
