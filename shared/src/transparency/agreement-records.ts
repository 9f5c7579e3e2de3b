import { z } from 'zod'
import { Language } from '../schema/language.js'
import { TermStatus } from '../schema/mediation.js'
import { PersonCommitment } from './person-commitment.js'

/** What links every record into its workspace's log (the chain adds these when appending). */
const linkage = {
  id: z.string(),
  workspaceId: z.string(),
  sequence: z.number().int(),
  previousHash: z.string(),
  hash: z.string(),
}

/** A term as logged: its owner a commitment, the owner's name outside the log. */
export const LoggedTerm = z.object({
  id: z.string(),
  text: z.string(),
  owner: PersonCommitment,
  dueDate: z.string(),
})
export type LoggedTerm = z.infer<typeof LoggedTerm>

/**
 * A signed agreement as logged since people became commitments: everything its text is rendered
 * from (`agreementText`, with each owner's display name), and the hash of that text which every
 * signature names. Its signatures follow it as `signature` records.
 */
export const AgreementContentRecord = z.object({
  kind: z.literal('agreement'),
  ...linkage,
  sessionId: z.string(),
  title: z.string(),
  preamble: z.string(),
  parties: z.array(z.object({ id: z.string(), name: z.string() })),
  terms: z.array(LoggedTerm),
  amends: z.string().nullable(),
  /**
   * The language the signed text is in; its text records it too, so the hash covers it. Absent
   * in agreements signed before workspaces had a language: their text has no language line.
   */
  language: Language.optional(),
  textHash: z.string(),
  recordedAt: z.string(),
})
export type AgreementContentRecord = z.infer<typeof AgreementContentRecord>

/** One party's signature of an agreement: who (a commitment), for which party, over which text. */
export const SignatureRecord = z.object({
  kind: z.literal('signature'),
  ...linkage,
  agreementId: z.string(),
  partyId: z.string(),
  partyName: z.string(),
  signer: PersonCommitment,
  textHash: z.string(),
  signedAt: z.string(),
})
export type SignatureRecord = z.infer<typeof SignatureRecord>

/**
 * One follow-up of a signed agreement's term. The note may name anyone, so the log holds only
 * its HMAC (the server checks the stored note against it); the status, who and when are plain.
 */
export const TermStatusRecord = z.object({
  kind: z.literal('term-status'),
  ...linkage,
  agreementId: z.string(),
  termId: z.string(),
  status: TermStatus,
  note: z.string(),
  by: PersonCommitment,
  at: z.string(),
})
export type TermStatusRecord = z.infer<typeof TermStatusRecord>
