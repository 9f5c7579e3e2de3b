import { z } from 'zod'

/** The most entries one `entries` call answers; a longer range answers its first page only. */
export const maxEntriesPerPage = 1000

/** The most past checkpoints one `checkpoints` call answers. */
export const maxCheckpointsPerPage = 100

/**
 * A tree size or leaf index in a query: decimal digits only (no signs, exponents, spaces or
 * hex, which a number coercion would quietly accept), small enough to be exact in a double.
 */
const LogNumber = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a whole number written in digits')
  .transform(Number)

export const EntriesQuery = z
  .object({ start: LogNumber, end: LogNumber })
  .refine((query) => query.start <= query.end, {
    path: ['end'],
    message: 'must not be less than start',
  })
export const InclusionQuery = z
  .object({ index: LogNumber, size: LogNumber })
  .refine((query) => query.index < query.size, {
    path: ['index'],
    message: 'must be less than size',
  })
export const ConsistencyQuery = z
  .object({ from: LogNumber, to: LogNumber })
  .refine((query) => query.from >= 1, { path: ['from'], message: 'must be at least 1' })
  .refine((query) => query.from <= query.to, {
    path: ['to'],
    message: 'must not be less than from',
  })
export const CheckpointsQuery = z.object({ from: LogNumber.optional() })

const Base64 = z.string().describe('base64 (RFC 4648, with padding)')

/** `{"entries": [...]}`: base64 of each leaf's bytes, in log order, `end` exclusive. */
export const LogEntries = z.object({ entries: z.array(Base64) })
export type LogEntries = z.infer<typeof LogEntries>

/** RFC 9162 §2.1.3: the hashes from a leaf's sibling up to the root of the tree of `size`. */
export const InclusionProof = z.object({
  index: z.number().int(),
  size: z.number().int(),
  hashes: z.array(Base64),
})
export type InclusionProof = z.infer<typeof InclusionProof>

/** RFC 9162 §2.1.4: what proves the tree of `to` leaves extends the tree of `from` leaves. */
export const ConsistencyProof = z.object({
  from: z.number().int(),
  to: z.number().int(),
  hashes: z.array(Base64),
})
export type ConsistencyProof = z.infer<typeof ConsistencyProof>

/** One signed checkpoint: its tree size and root, and the C2SP signed note as served. */
export const SignedCheckpoint = z.object({
  size: z.number().int(),
  root: Base64,
  note: z.string(),
})
export type SignedCheckpoint = z.infer<typeof SignedCheckpoint>

/** Past checkpoints, oldest first, for monitors that mirror them. */
export const LogCheckpoints = z.object({
  checkpoints: z.array(SignedCheckpoint.extend({ signedAt: z.string() })),
})
export type LogCheckpoints = z.infer<typeof LogCheckpoints>
