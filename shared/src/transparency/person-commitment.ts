import { z } from 'zod'

/**
 * A person as the log names them: HMAC-SHA256 (hex) of their participant id under a secret of the
 * workspace. The same person has the same commitment in every record of a workspace; who it is
 * lives outside the log (the display names beside it), so a record names nobody and an
 * anonymised feed serves the very bytes a named one does.
 */
export const PersonCommitment = z.string().regex(/^[0-9a-f]{64}$/)
export type PersonCommitment = z.infer<typeof PersonCommitment>

/** Whether a record's person field holds a commitment (else it is an id, written before). */
export const isCommitment = (value: string): boolean => PersonCommitment.safeParse(value).success
