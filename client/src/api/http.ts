import type { z } from 'zod'
import { type ErrorCode, errorCodes } from '../../../shared/src/error-codes.js'

/** An answer the server refused, with its stable code, or a network failure (`offline`). */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'offline',
    message: string,
    readonly status = 0,
    /** The error's `details`: for a 409, `{ rule }` names the rule the request broke. */
    readonly details: unknown = undefined,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/**
 * Calls the REST API with the browser's cookie (a participant's token lives only in the HttpOnly
 * cookie; the one header ever added is the server administrator's token, typed in to create a
 * workspace) and checks the answer against the shared schema.
 */
export const request = async <Schema extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  schema: Schema,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<z.infer<Schema>> => {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        ...extraHeaders,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError('offline', 'the server cannot be reached')
  }
  const text = await response.text()
  const json: unknown = text ? safeJson(text) : undefined
  if (!response.ok) {
    const error = readError(json)
    if (error) throw new ApiError(error.code, error.message, response.status, error.details)
    throw new ApiError('internal', `unexpected answer ${response.status}`, response.status)
  }
  return schema.parse(json)
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

/**
 * The `error` of an error answer, checked by hand: zod is not loaded by the start page, whose
 * only API answers it must read are errors (the JS budget is in docs/performance.md).
 */
const readError = (
  json: unknown,
): { code: ErrorCode; message: string; details: unknown } | undefined => {
  const error = isRecord(json) ? json.error : undefined
  if (!isRecord(error) || typeof error.message !== 'string') return undefined
  const code = errorCodes.find((known) => known === error.code)
  return code ? { code, message: error.message, details: error.details } : undefined
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
