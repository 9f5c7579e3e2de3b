/**
 * Whether a failure means PostgreSQL cannot be reached for now (down, restarting, refusing
 * connections, a connection cut), as opposed to a query that is wrong. Such a failure is worth
 * retrying later: the pool opens fresh connections once the database is back.
 */
export const isPostgresOutage = (error: unknown): boolean => {
  let cause = error
  // Kysely, pg-pool and Node's AggregateError (one per address tried) may wrap the real failure.
  for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
    const { message } = cause
    if (outageCode(codeOf(cause)) || outageMessages.some((pattern) => pattern.test(message)))
      return true
    cause =
      cause instanceof AggregateError && cause.errors.length > 0 ? cause.errors[0] : cause.cause
  }
  return false
}

const codeOf = (error: Error): string | undefined => {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : undefined
}

/** SQLSTATEs of a server going away or refusing sessions, and the socket errors of no server. */
const outageCode = (code: string | undefined): boolean =>
  code !== undefined &&
  (code.startsWith('08') || // connection exception
    code === '57P01' || // admin_shutdown: terminated by an administrator or a fast shutdown
    code === '57P02' || // crash_shutdown
    code === '57P03' || // cannot_connect_now: starting up, shutting down, in recovery
    code === '53300' || // too_many_connections
    networkCodes.has(code))

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])

/** What node-postgres says, without a code, when a connection is lost or cannot be made. */
const outageMessages = [
  /^Connection terminated/,
  /is not queryable/,
  /timeout exceeded when trying to connect/,
  // ALLOW_CONNECTIONS false, or a database being dropped (SQLSTATE 55000 is broader than that).
  /is not currently accepting connections/,
]
