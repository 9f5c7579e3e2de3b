import { z } from 'zod'
import { Channel } from './balance.js'
import { StakeholderGroup } from './people.js'
import { multiLine } from './text-line.js'

/**
 * Said for a participant who is not online: who (a participant of the workspace) and how it
 * reached the room. Only a facilitator or a mediator records it (`not_recorder`).
 */
export const OnBehalf = z.strictObject({
  participantId: z.string().min(1).max(64),
  channel: Channel,
})
export type OnBehalf = z.infer<typeof OnBehalf>

/** What a contribution to the session is: a comment on what is discussed, or an idea. */
export const ContributionKind = z.enum(['comment', 'idea'])
export type ContributionKind = z.infer<typeof ContributionKind>

export const ContributionText = multiLine(2000).min(1)

/** Who recorded something said for someone else. */
export const Recorder = z.object({ participantId: z.string(), name: z.string() })

/** A comment or idea said in the session, counted in the balance for its speaker's group. */
export const Contribution = z.object({
  id: z.string(),
  kind: ContributionKind,
  text: z.string(),
  participantId: z.string(),
  name: z.string(),
  group: StakeholderGroup,
  /** Null: said online by the person themself. */
  channel: Channel.nullable(),
  recordedBy: Recorder.nullable(),
  at: z.string(),
})
export type Contribution = z.infer<typeof Contribution>
