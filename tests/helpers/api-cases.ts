import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import { ErrorBody, type ErrorCode } from '../../shared/src/errors.js'
import type { TestServer } from './server.js'

type Endpoint = Pick<TestServer, 'httpUrl'>

/** One HTTP answer, whatever its status, with its body parsed when it is JSON. */
export interface Answer {
  status: number
  headers: Headers
  text: string
  body: unknown
}

export interface CallOptions {
  token?: string
  /** Sent as JSON. */
  body?: unknown
  /** Sent as it is, with `content-type: application/json` (for malformed JSON). */
  rawBody?: string
  headers?: Record<string, string>
}

/** Calls the API and answers whatever came back, for asserting on refusals as well as successes. */
export const call = async (
  server: Endpoint,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> => {
  const hasBody = options.body !== undefined || options.rawBody !== undefined
  const response = await fetch(`${server.httpUrl}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body:
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  })
  const text = await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  return { status: response.status, headers: response.headers, text, body }
}

/** Asserts a success status and answers the body, typed by the caller. */
export const ok = <T>(answer: Answer, status = 200): T => {
  expect(answer.status, answer.text).toBe(status)
  return answer.body as T
}

/** Asserts the status and that the body is exactly the shared error shape with this code. */
export const expectError = (answer: Answer, status: number, code: ErrorCode): ErrorBody => {
  expect(answer.status, answer.text).toBe(status)
  expect(answer.headers.get('content-type')).toContain('application/json')
  const parsed = ErrorBody.safeParse(answer.body)
  expect(parsed.success, `not the error shape: ${answer.text}`).toBe(true)
  const body = parsed.data as ErrorBody
  expect(Object.keys(body)).toEqual(['error'])
  expect(body.error.code).toBe(code)
  expect(body.error.message.length).toBeGreaterThan(0)
  return body
}

interface FieldDetail {
  path: string
  message: string
}

/** A 400 whose `details` name each of `fields` (`details[].path`), each with a message. */
export const expectBadRequest = (answer: Answer, ...fields: string[]): FieldDetail[] => {
  const body = expectError(answer, 400, 'bad_request')
  expect(Array.isArray(body.error.details), `details is not a list: ${answer.text}`).toBe(true)
  const details = body.error.details as FieldDetail[]
  for (const detail of details) {
    expect(typeof detail.path).toBe('string')
    expect(typeof detail.message).toBe('string')
    expect(detail.message.length).toBeGreaterThan(0)
  }
  expect(details.map((detail) => detail.path)).toEqual(expect.arrayContaining(fields))
  return details
}

/** A token with the right shape (256 bits, base64url) that belongs to nobody. */
export const forgedToken = (): string => randomBytes(32).toString('base64url')

/** An identifier over the 64-character limit of every path parameter. */
export const overlongId = 'x'.repeat(65)

export interface RouteCall {
  method: string
  path: string
  body?: unknown
}

/**
 * The refusals every authenticated route gives: no token and a forged token answer 401, the
 * token of another workspace 403. `otherToken` belongs to a different workspace.
 */
export const expectAuthRefusals = async (
  server: Endpoint,
  route: RouteCall,
  otherToken: string,
): Promise<void> => {
  const body = route.body === undefined ? {} : { body: route.body }
  expectError(await call(server, route.method, route.path, body), 401, 'unauthorized')
  expectError(
    await call(server, route.method, route.path, { ...body, token: forgedToken() }),
    401,
    'unauthorized',
  )
  expectError(
    await call(server, route.method, route.path, {
      ...body,
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    }),
    401,
    'unauthorized',
  )
  expectError(
    await call(server, route.method, route.path, { ...body, token: otherToken }),
    403,
    'forbidden',
  )
}

/** Every route that needs a workspace token, with a harmless valid body where one is needed. */
export const authenticatedRoutes = (ids: {
  workspaceId: string
  participantId: string
  documentId: string
  inviteCode: string
}): RouteCall[] => {
  const ws = `/api/workspaces/${ids.workspaceId}`
  return [
    { method: 'GET', path: ws },
    { method: 'GET', path: `${ws}/me` },
    { method: 'GET', path: `${ws}/participants` },
    { method: 'PATCH', path: `${ws}/participants/${ids.participantId}`, body: { group: 'media' } },
    { method: 'DELETE', path: `${ws}/participants/${ids.participantId}` },
    { method: 'GET', path: `${ws}/audit` },
    { method: 'GET', path: `${ws}/export` },
    { method: 'POST', path: `${ws}/invites`, body: { role: 'observer' } },
    { method: 'GET', path: `${ws}/invites` },
    { method: 'DELETE', path: `${ws}/invites/${ids.inviteCode}` },
    { method: 'POST', path: `${ws}/documents`, body: { title: 'Should not exist' } },
    { method: 'GET', path: `${ws}/documents` },
    { method: 'GET', path: `${ws}/documents/${ids.documentId}` },
    { method: 'PATCH', path: `${ws}/documents/${ids.documentId}`, body: { title: 'Renamed' } },
    { method: 'DELETE', path: ws },
  ]
}

/**
 * Every route of the three route files, in OpenAPI's notation: the tests cover each one, and
 * the OpenAPI document must describe each one.
 */
export const documentedRoutes: readonly (readonly [method: string, path: string])[] = [
  ['post', '/api/workspaces'],
  ['get', '/api/workspaces/{id}'],
  ['delete', '/api/workspaces/{id}'],
  ['get', '/api/workspaces/{id}/me'],
  ['delete', '/api/workspaces/{id}/session'],
  ['get', '/api/workspaces/{id}/participants'],
  ['patch', '/api/workspaces/{id}/participants/{participantId}'],
  ['delete', '/api/workspaces/{id}/participants/{participantId}'],
  ['get', '/api/workspaces/{id}/audit'],
  ['get', '/api/workspaces/{id}/export'],
  ['post', '/api/workspaces/{id}/invites'],
  ['get', '/api/workspaces/{id}/invites'],
  ['delete', '/api/workspaces/{id}/invites/{code}'],
  ['get', '/api/invites/{code}'],
  ['post', '/api/invites/{code}/accept'],
  ['post', '/api/workspaces/{id}/documents'],
  ['get', '/api/workspaces/{id}/documents'],
  ['get', '/api/workspaces/{id}/documents/{documentId}'],
  ['patch', '/api/workspaces/{id}/documents/{documentId}'],
]
