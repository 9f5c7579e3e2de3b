import { z } from 'zod'
import { AnonymousView, PositionReceipt } from './anonymous-positions.js'
import { Channel } from './balance.js'
import { AnchoredPassage, PassageAnchor } from './clause.js'
import { OnBehalf, Recorder } from './contribution.js'
import { DecisionRule } from './decision-rule.js'
import { StakeholderGroup } from './people.js'
import { Outcome, Position } from './position.js'
import { multiLine, oneLine } from './text-line.js'

/*
 * A proposal put to the session's room and the positions taken on it: the commands that open,
 * reveal, answer, close and withdraw it, and the proposal as the session's live state holds it.
 */

const Reason = multiLine(1000)
/**
 * The proposal the sender was shown: a close, a withdrawal or a position made on one proposal
 * must not land on the next one opened meanwhile (a retried request, a second facilitator).
 */
const ProposalId = z.string().min(1).max(64).optional()

export const OpenProposal = z.strictObject({
  type: z.literal('proposal.open'),
  title: oneLine(200),
  text: multiLine(5000).min(1),
  documentId: z.string().min(1).max(64).optional(),
  /** A passage of that plan the proposal is about: positions are taken on that clause. */
  passage: PassageAnchor.optional(),
  /** How it is decided: consent (the default), consensus or majority. */
  rule: DecisionRule.optional(),
  /** How many people who may respond must be present for the outcome to stand. */
  quorum: z.number().int().min(1).max(10_000).optional(),
  /** Nobody reads a position (the room, the API, the events) until the proposal closes. */
  hideResults: z.boolean().optional(),
  /**
   * Nobody, the facilitator and the server included, can tell who took which position: only
   * counts are kept. Results stay hidden until `proposal.reveal` or the close.
   */
  anonymous: z.boolean().optional(),
})

/** Shows the results of the open proposal that hides them, before it closes. */
export const RevealProposal = z.strictObject({
  type: z.literal('proposal.reveal'),
  proposalId: ProposalId,
})

export const TakePosition = z.strictObject({
  type: z.literal('position.take'),
  value: Position,
  reason: Reason.optional(),
  /** The frozen version the person was shown; a position on any other is refused (409). */
  versionId: z.string().min(1).max(64).optional(),
  proposalId: ProposalId,
  /** Taken for a participant who is not online, as they gave it on paper, by phone or in person. */
  onBehalf: OnBehalf.optional(),
  /** On an anonymous proposal: the receipt of this person's earlier position, to change it. */
  receipt: PositionReceipt.optional(),
})

export const CloseProposal = z.strictObject({
  type: z.literal('proposal.close'),
  outcome: Outcome,
  /**
   * To adopt over standing blocks or objections, the facilitator confirms how many they were
   * shown; a count that no longer matches (one more came in meanwhile) is refused (409).
   */
  overBlocks: z.number().int().min(1).max(10_000).optional(),
  overObjections: z.number().int().min(1).max(10_000).optional(),
  /**
   * Who the confirmed blocks and objections were from (participant ids): the same number from
   * other people, arrived meanwhile, is refused too.
   */
  over: z.array(z.string().min(1).max(64)).max(10_000).optional(),
  proposalId: ProposalId,
})

/** Takes the open proposal off the table without a decision: nothing is recorded. */
export const WithdrawProposal = z.strictObject({
  type: z.literal('proposal.withdraw'),
  proposalId: ProposalId,
})

export const TakenPosition = z.object({
  participantId: z.string(),
  name: z.string(),
  group: StakeholderGroup,
  value: Position,
  reason: z.string().optional(),
  /** The version of the plan the position was taken on (null: the proposal is about no plan). */
  versionId: z.string().nullable().default(null),
  at: z.string(),
  /** Given on paper, by phone or in person, and recorded by a facilitator; absent when online. */
  channel: Channel.optional(),
  recordedBy: Recorder.optional(),
})
export type TakenPosition = z.infer<typeof TakenPosition>

/** The proposal open in a session, as the session's live state holds it. */
export const LiveProposal = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  documentId: z.string().nullable(),
  /**
   * The version of the plan frozen when the proposal was opened: what positions are on and
   * what its decision binds. Null without a plan (and for proposals opened before versions
   * were frozen at opening, whose decision freezes one when it is recorded).
   */
  versionId: z.string().nullable().default(null),
  /** The clause it is about, with its text in that version; null for the whole plan. */
  passage: AnchoredPassage.nullable().default(null),
  openedAt: z.string(),
  /** How it is decided; proposals opened before rules were chosen were decided by consent. */
  rule: DecisionRule.default('consent'),
  quorum: z.number().int().nullable().default(null),
  /** Positions are withheld from every reader until the close or a reveal (`hideResults`). */
  hidden: z.boolean().default(false),
  /** Positions are kept apart from who took them; `positions` stays empty (`anonymous`). */
  anonymous: z.boolean().default(false),
  /** What readers get of an anonymous proposal: counts, never who (not stored in the state). */
  anonymousView: AnonymousView.optional(),
  positions: z.array(TakenPosition),
  /**
   * What readers get instead of `positions` while hidden: who has responded (not how), for
   * "N of M present have responded".
   */
  respondedIds: z.array(z.string()).optional(),
})
export type LiveProposal = z.infer<typeof LiveProposal>
