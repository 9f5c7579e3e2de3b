import { pino } from 'pino'

export type Logger = pino.Logger

export const LogLevel = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LogLevel)[number]

/** Structured JSON logs on stdout. */
export const createLogger = (level: LogLevel): Logger =>
  pino({ level, base: { service: 'mufakat' }, timestamp: pino.stdTimeFunctions.isoTime })

/**
 * A secret in a path: an invite code (`/api/invites/<code>`, `…/invites/<code>`, `/join/<code>`)
 * or a published record's unguessable id (`/p/<id>`, `/api/public/<id>`), the only key to a
 * record its workspace may withdraw.
 */
const secretInPath = /(\/(?:invites|join|p|public)\/)[^/?#]+/g

/**
 * A URL (or path) fit for logs: query strings carry tokens and invite paths carry codes (either
 * lets whoever reads the logs in), and public-record paths their only key, so none is written out.
 */
export const redactUrl = (url: string): string => {
  const query = url.indexOf('?')
  const path = query === -1 ? url : url.slice(0, query)
  const redacted = path.replace(secretInPath, '$1[redacted]')
  return query === -1 ? redacted : `${redacted}?[redacted]`
}
