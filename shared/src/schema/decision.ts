import { z } from 'zod'
import { PersonCommitment } from '../transparency/person-commitment.js'
import { ClausePassage } from './clause.js'
import { Suggestion } from './decision-rule.js'
import { dissentingPositions, Outcome } from './position.js'
import { multiLine, oneLine } from './text-line.js'
import { SignedCheckpoint } from './transparency-log.js'

/*
 * Decisions as the record log keeps them: what was decided, who was present and who dissented
 * (by commitment), the text approved, and how the log's verification is reported.
 */

/** An objection or block standing when its proposal closed, with the reason given. */
export const Dissent = z.object({
  participantId: z.string(),
  name: z.string(),
  group: z.string(),
  value: z.enum(dissentingPositions),
  /** Absent only for positions taken before reasons were required. */
  reason: z.string().optional(),
})
export type Dissent = z.infer<typeof Dissent>

/** A dissent as the log keeps it: the person by commitment (their name lives beside the log). */
export const LoggedDissent = Dissent.omit({ participantId: true, name: true }).extend({
  person: PersonCommitment,
})
export type LoggedDissent = z.infer<typeof LoggedDissent>

export const DecisionRecord = z.object({
  kind: z.literal('decision'),
  id: z.string(),
  workspaceId: z.string(),
  sequence: z.number().int(),
  sessionId: z.string().nullable(),
  title: z.string(),
  text: z.string(),
  outcome: Outcome,
  positionsByGroup: z.record(z.string(), z.record(z.string(), z.number())),
  /** Who was present: by commitment and group, or (written before) by id, name and group. */
  present: z.array(
    z.union([
      z.object({ person: PersonCommitment, group: z.string() }),
      z.object({ participantId: z.string(), name: z.string(), group: z.string() }),
    ]),
  ),
  documentId: z.string().nullable(),
  /** The version of the plan the decision approved: frozen when its proposal was opened. */
  versionId: z.string().nullable(),
  /**
   * SHA-256 (hex) of that version's content (`canonicalPlanContent`); null without a plan.
   * Absent from records written before decisions carried it, so their hashes still match.
   */
  contentHash: z.string().nullable().optional(),
  /**
   * The clause decided on: its exact text in that version and the SHA-256 of that text. Absent
   * for decisions on a whole plan or none, and from records written before (their hashes match).
   */
  passage: ClausePassage.optional(),
  /**
   * The objections and blocks standing at the close, with their reasons. Absent when there were
   * none, and from records written before decisions carried them (so their hashes still match).
   */
  dissent: z.array(LoggedDissent).optional(),
  /** Adopted although blocks or objections stood: the facilitator confirmed adopting over them. */
  adoptedOver: z
    .object({ blocks: z.number().int().min(0), objections: z.number().int().min(0) })
    .optional(),
  /** The proposal's rule, the tally it counted and the outcome it suggested at the close. */
  suggestion: Suggestion.optional(),
  /** A person commitment; a participant id in decisions written before commitments. */
  recordedBy: z.string(),
  recordedAt: z.string(),
  previousHash: z.string(),
  hash: z.string(),
})
export type DecisionRecord = z.infer<typeof DecisionRecord>

export const RecordDecisionBody = z.strictObject({
  title: oneLine(200),
  text: multiLine(5000).min(1),
  outcome: Outcome,
  documentId: z.string().min(1).max(64).optional(),
})
export type RecordDecisionBody = z.infer<typeof RecordDecisionBody>

/** Which log was checked, and the signed checkpoint it was checked against (none: unsigned). */
const VerifiedLog = {
  workspaceId: z.string(),
  checkpoint: SignedCheckpoint.nullable(),
}
export const ChainVerification = z.union([
  z.object({ ok: z.literal(true), count: z.number().int(), head: z.string(), ...VerifiedLog }),
  z.object({
    ok: z.literal(false),
    count: z.number().int(),
    // No id when the record is missing (the log was cut short) or no record is at fault.
    firstInvalid: z.object({
      id: z.string().optional(),
      sequence: z.number().int(),
      problem: z.string(),
    }),
    ...VerifiedLog,
  }),
])
export type ChainVerification = z.infer<typeof ChainVerification>
