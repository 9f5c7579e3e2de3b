import { z } from 'zod'
import { StakeholderGroup } from './people.js'
import { oneLine } from './text-line.js'

/**
 * Quick polls in a session: one choice, a score per option, a ranking, or dots spread over
 * options (dot-voting, on options given or on ideas the room collects first).
 */
export const PollKind = z.enum(['single', 'score', 'ranked', 'dots'])
export type PollKind = z.infer<typeof PollKind>

/** `collecting` ideas (dot-voting only) → `open` for answers → `closed`, results final. */
export const PollStatus = z.enum(['collecting', 'open', 'closed'])
export type PollStatus = z.infer<typeof PollStatus>

/** Fewer people than this in a group, or in all, and an anonymous poll shows no count for them. */
export const defaultAnonymityThreshold = 3
/** At most this many polls per session: the session room carries every one. */
export const pollsPerSession = 50
/** At most this many options, and as many ideas collected. */
export const pollMaxOptions = 30

const PollId = z.string().min(1).max(64)
const Option = oneLine(200)

/** Why a poll command does not fit the poll: the `details.rule` of a 409 answer. */
export const PollRule = z.enum([
  /** An answer, an idea, a reveal or a close on a poll that is closed. */
  'poll_closed',
  /** An idea added, or ideas revealed, when the poll is not collecting ideas. */
  'not_collecting',
  /** An answer to a poll still collecting ideas. */
  'still_collecting',
  /** An answer that does not fit the poll: another kind, an option it lacks, too many dots. */
  'answer_mismatch',
  /** A second anonymous answer without the receipt of the first (the one-per-person check). */
  'already_answered',
  /** A session that has `pollsPerSession` polls, or a poll that has `pollMaxOptions` ideas. */
  'poll_limit',
  /** Options (or, for a poll that collects ideas, the fields) that do not fit its kind. */
  'poll_shape',
])
export type PollRule = z.infer<typeof PollRule>

/** An answer: which of the options (by index), a score each, a full ranking, or dots each. */
export const PollAnswer = z.union([
  z.strictObject({ choice: z.number().int().min(0).max(pollMaxOptions) }),
  z.strictObject({ scores: z.array(z.number().int().min(0).max(10)).max(pollMaxOptions) }),
  z.strictObject({
    ranking: z.array(z.number().int().min(0).max(pollMaxOptions)).max(pollMaxOptions),
  }),
  z.strictObject({ dots: z.array(z.number().int().min(0).max(20)).max(pollMaxOptions) }),
])
export type PollAnswer = z.infer<typeof PollAnswer>

/** What the facilitator sets when opening a poll. */
export const PollSpec = z.strictObject({
  title: oneLine(200),
  kind: PollKind,
  /** The options; empty for a dot-vote that collects its ideas from the room. */
  options: z.array(Option).max(pollMaxOptions).default([]),
  /** Nobody, the server included, can tell afterwards who gave which answer. */
  anonymous: z.boolean().default(false),
  /** Nobody sees any count but "N have responded" until the poll closes. */
  hideResults: z.boolean().default(false),
  /** Dot-voting: the room adds ideas first, then the facilitator reveals them as the options. */
  collectIdeas: z.boolean().default(false),
  /** Score polls: each option is scored from 1 to this. */
  scoreMax: z.number().int().min(2).max(10).default(5),
  /** Dot-voting: how many dots each person spreads. */
  dots: z.number().int().min(1).max(20).default(3),
  /** Anonymous polls: the smallest group (and total) whose counts are shown. */
  threshold: z
    .number()
    .int()
    .min(defaultAnonymityThreshold)
    .max(50)
    .default(defaultAnonymityThreshold),
})
export type PollSpec = z.infer<typeof PollSpec>

/** Everything that changes a poll; checked against role and the poll's state by the server. */
export const PollCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('poll.open'), poll: PollSpec }),
  z.strictObject({
    type: z.literal('poll.answer'),
    pollId: PollId,
    answer: PollAnswer,
    /** The receipt of this person's earlier anonymous answer, to change it. */
    receipt: z.string().min(1).max(64).optional(),
  }),
  z.strictObject({ type: z.literal('poll.idea'), pollId: PollId, text: Option }),
  z.strictObject({ type: z.literal('poll.reveal'), pollId: PollId }),
  z.strictObject({ type: z.literal('poll.close'), pollId: PollId }),
])
export type PollCommand = z.infer<typeof PollCommand>

/** A poll as stored (its answers are stored apart, by whether it is anonymous). */
export interface StoredPoll {
  id: string
  sessionId: string
  spec: PollSpec
  status: PollStatus
  /**
   * Anonymous polls: the key of the one-per-person check (voter = HMAC(key, participant)).
   * Erased with that check's rows when the poll closes.
   */
  ballotKey: Uint8Array | null
  createdBy: string
  createdAt: string
  closedAt: string | null
}

const GroupCounts = z.object({
  group: StakeholderGroup,
  /** How many people of the group answered. */
  people: z.number().int(),
  totals: z.array(z.number()),
})

export const PollResults = z.object({
  /**
   * Per option: how many chose it (single), the sum of scores (score), Borda points — the
   * number of options ranked below it, summed (ranked), or dots (dots).
   */
  totals: z.array(z.number()),
  /** Per group; in an anonymous poll, only groups with at least `threshold` people answering. */
  byGroup: z.array(GroupCounts),
  /** People whose group's counts are withheld (anonymous polls, small groups). */
  withheld: z.number().int(),
  /** Who answered what: named polls only. */
  answers: z
    .array(
      z.object({
        participantId: z.string(),
        name: z.string(),
        group: StakeholderGroup,
        answer: PollAnswer,
      }),
    )
    .optional(),
})
export type PollResults = z.infer<typeof PollResults>

/** A poll as the session room shows it to everyone: never who answered an anonymous poll. */
export const PollView = z.object({
  id: z.string(),
  title: z.string(),
  kind: PollKind,
  options: z.array(z.string()),
  anonymous: z.boolean(),
  hideResults: z.boolean(),
  collectIdeas: z.boolean(),
  scoreMax: z.number().int(),
  dots: z.number().int(),
  threshold: z.number().int(),
  status: PollStatus,
  createdAt: z.string(),
  /** Ideas collected so far (their text shows once revealed). */
  ideas: z.number().int(),
  /** How many people have answered. */
  responded: z.number().int(),
  /** Null while hidden until close, or while fewer than `threshold` answered an anonymous poll. */
  results: PollResults.nullable(),
})
export type PollView = z.infer<typeof PollView>
