import { z } from 'zod'

import { errorCodes } from './error-codes.js'

export { errorCodes, errorStatus } from './error-codes.js'

/** Stable error codes of the REST API; the HTTP status follows from the code. */
export const ErrorCode = z.enum(errorCodes)
export type ErrorCode = z.infer<typeof ErrorCode>

/** The body of every error response: `{ error: { code, message, details? } }`. */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
})
export type ErrorBody = z.infer<typeof ErrorBody>
