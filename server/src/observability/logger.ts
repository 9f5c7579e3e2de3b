import { pino } from 'pino'

export type Logger = pino.Logger

export const LogLevel = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LogLevel)[number]

/** Structured JSON logs on stdout. */
export const createLogger = (level: LogLevel): Logger =>
  pino({ level, base: { service: 'mufakat' }, timestamp: pino.stdTimeFunctions.isoTime })

/** A URL fit for logs: query strings carry tokens, so they are never written out. */
export const redactUrl = (url: string): string => {
  const query = url.indexOf('?')
  return query === -1 ? url : `${url.slice(0, query)}?[redacted]`
}
