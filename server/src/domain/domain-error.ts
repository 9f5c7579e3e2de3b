import { type ErrorCode, errorStatus } from '../../../shared/src/errors.js'

/** A failure with a stable code; the error handler turns it into the JSON error response. */
export class ApiError extends Error {
  override name = 'ApiError'

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }

  get status(): (typeof errorStatus)[ErrorCode] {
    return errorStatus[this.code]
  }
}
