import { getConnInfo } from '@hono/node-server/conninfo'
import type { MiddlewareHandler } from 'hono'
import { clientAddress, type TrustedProxies } from '../transport/client-address.js'

declare module 'hono' {
  interface ContextVariableMap {
    /** The client's address for per-address limits (through a trusted proxy, the client's own). */
    clientAddress: string
  }
}

/** Tells every API route who is asking, once, by the same rule as the sync sockets. */
export const withClientAddress =
  (trusted: TrustedProxies): MiddlewareHandler =>
  async (c, next) => {
    c.set(
      'clientAddress',
      clientAddress(getConnInfo(c).remote.address, c.req.header('x-forwarded-for'), trusted),
    )
    await next()
  }
