import type { z } from 'zod'
import { ErrorBody, type ErrorCode } from '../../../shared/src/errors.js'

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
    const error = ErrorBody.safeParse(json)
    if (error.success) {
      throw new ApiError(
        error.data.error.code,
        error.data.error.message,
        response.status,
        error.data.error.details,
      )
    }
    throw new ApiError('internal', `unexpected answer ${response.status}`, response.status)
  }
  return schema.parse(json)
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
