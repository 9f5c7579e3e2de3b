/**
 * Stable error codes of the REST API as plain constants: the browser's start page reads error
 * answers with these and so does not load zod (errors.ts builds the schemas from them).
 */
export const errorCodes = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'gone',
  'payload_too_large',
  'rate_limited',
  'internal',
  'unavailable',
] as const
export type ErrorCode = (typeof errorCodes)[number]

/** The HTTP status follows from the code. */
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  /** The database (or the cluster's Redis) cannot be reached for now: try again after Retry-After. */
  unavailable: 503,
} as const satisfies Record<ErrorCode, number>
