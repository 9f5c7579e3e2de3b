import { z } from 'zod'
import { Outcome } from './position.js'

/*
 * Consent on a clause: a proposal anchored to a passage of a plan. The anchor is two Yjs
 * relative positions into the plan's text, so it follows the characters as the plan is edited;
 * the text and its hash are read from the version frozen when the proposal opened.
 */

/** A Yjs relative position (`Y.encodeRelativePosition`), base64: a few dozen bytes. */
const EncodedPosition = z
  .string()
  .min(4)
  .max(400)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a base64-encoded Yjs relative position')

/** Where the passage starts and ends in the plan's text, as the editor anchored the selection. */
export const PassageAnchor = z.strictObject({ start: EncodedPosition, end: EncodedPosition })
export type PassageAnchor = z.infer<typeof PassageAnchor>

/** The longest passage a proposal can be anchored to, in characters. */
export const passageMaxLength = 5000

/** Why an anchor was refused: `details[].code` of the 400 answer. */
export const PassageProblem = z.enum([
  /** The positions do not decode as Yjs relative positions. */
  'anchor_unreadable',
  /** A position names text this plan does not hold (another plan, another room, made up). */
  'anchor_outside_document',
  /** The end does not come after the start, or the passage holds no text. */
  'passage_empty',
  /** Longer than `passageMaxLength`. */
  'passage_too_long',
  /** A passage was given without the plan it is in (`documentId`). */
  'passage_without_plan',
  /**
   * The passage holds a suggestion nobody has accepted or rejected yet: consent is asked on the
   * plan's settled text, never on words that may still go (or on words suggested away).
   */
  'passage_under_suggestion',
])
export type PassageProblem = z.infer<typeof PassageProblem>

/**
 * The passage as a decision record names it: its exact text in the frozen version and the
 * SHA-256 (hex) of that text's UTF-8 bytes.
 */
export const ClausePassage = z.object({ text: z.string(), textHash: z.string() })
export type ClausePassage = z.infer<typeof ClausePassage>

/** The passage of an open proposal: where it is, and what it said when the proposal opened. */
export const AnchoredPassage = ClausePassage.extend(PassageAnchor.shape)
export type AnchoredPassage = z.infer<typeof AnchoredPassage>

/** How a clause stands, for the plan's margin. */
export const ClauseStatus = z.object({
  proposalId: z.string(),
  sessionId: z.string(),
  title: z.string(),
  versionId: z.string().nullable(),
  passage: AnchoredPassage,
  /** `open` while its proposal is; `decided` once closed (withdrawn proposals are not listed). */
  state: z.enum(['open', 'decided']),
  outcome: Outcome.nullable(),
  decisionId: z.string().nullable(),
  /** Positions taken so far on an open proposal; null once decided or while results are hidden. */
  tally: z
    .object({
      positions: z.number().int(),
      objections: z.number().int(),
      blocks: z.number().int(),
    })
    .nullable(),
})
export type ClauseStatus = z.infer<typeof ClauseStatus>

export const PlanClauses = z.object({ clauses: z.array(ClauseStatus) })
export type PlanClauses = z.infer<typeof PlanClauses>
