import { type ErrorCode, errorStatus } from '../../../shared/src/errors.js'

/**
 * A refusal with a stable code. The domain throws it; the HTTP layer's single error handler turns
 * it into `{ error: { code, message, details } }` with the status that belongs to the code.
 */
export class DomainError extends Error {
  override name = 'DomainError'

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
