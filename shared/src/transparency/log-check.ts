import { z } from 'zod'

/** Which part of a signed agreement's rows differs from what the log holds. */
export const LogMismatch = z.enum(['content', 'signatures', 'term-status'])
export type LogMismatch = z.infer<typeof LogMismatch>

/**
 * How a signed agreement's rows compare with its log entries. When they differ, what is served
 * is the log's account; the rows are reported, never shown as true.
 */
export const LogCheck = z.object({
  matches: z.boolean(),
  mismatches: z.array(LogMismatch),
})
export type LogCheck = z.infer<typeof LogCheck>
