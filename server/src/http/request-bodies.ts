import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { DomainError } from '../domain/domain-error.js'
import type { Access } from '../domain/people-and-access/access.js'
import { requestTokens } from './credentials.js'

const tooLarge = (maxBytes: number) =>
  new DomainError('payload_too_large', `the request body is larger than ${maxBytes} bytes`, {
    maxBytes,
  })

/**
 * Refuses a body larger than `maxBytes` with 413: at once from Content-Length, or as soon as a
 * streamed (chunked) body passes it, so the server never holds more than `maxBytes` of it.
 */
export const bodySizeLimit = (maxBytes: number): MiddlewareHandler => {
  const streamed = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // The rest of the stream is still coming and the connection cannot carry another request:
      // the client is told to open a new one.
      c.header('Connection', 'close')
      throw tooLarge(maxBytes)
    },
  })
  return async (c, next) => {
    // Decided from the header alone: touching the body would start reading it, while an unread
    // body is discarded by Node and the connection stays usable.
    const declared = c.req.header('content-length')
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(declared) > maxBytes) throw tooLarge(maxBytes)
      return next()
    }
    return streamed(c, next)
  }
}

/** Whether any of these tokens is a participant's. */
const anyoneIdentified = async (access: Access, tokens: readonly string[]): Promise<boolean> => {
  for (const token of tokens) if (await access.identify(token)) return true
  return false
}

/**
 * Answers 401 before a byte of the body is read when the caller presents no valid token, so an
 * anonymous caller cannot make the server read, parse and hold a body. Whether the token may act
 * on the resource is still decided by the route.
 */
export const credentialBeforeBody =
  (access: Access): MiddlewareHandler =>
  async (c, next) => {
    const carriesBody =
      c.req.header('transfer-encoding') !== undefined ||
      Number(c.req.header('content-length') ?? 0) > 0
    if (carriesBody && !(await anyoneIdentified(access, requestTokens(c)))) {
      throw new DomainError('unauthorized', 'a valid token is required')
    }
    await next()
  }
