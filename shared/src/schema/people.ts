import { z } from 'zod'
import { stakeholderGroups } from './stakeholder-groups.js'
import { oneLine } from './text-line.js'

export { groupColor } from './stakeholder-groups.js'

/** What a participant does in a workspace. */
export const Role = z.enum(['facilitator', 'mediator', 'stakeholder', 'commenter', 'observer'])
export type Role = z.infer<typeof Role>

/** The penta-helix of a smart-city programme, plus individual citizens. */
export const StakeholderGroup = z.enum(stakeholderGroups)
export type StakeholderGroup = z.infer<typeof StakeholderGroup>

export const DisplayName = oneLine(80)

export const Participant = z.object({
  id: z.string(),
  workspaceId: z.string(),
  displayName: z.string(),
  group: StakeholderGroup,
  role: Role,
  joinedAt: z.string(),
})
export type Participant = z.infer<typeof Participant>

/** How a participant is named on what they write: their name and stakeholder group. */
export type NameAndGroup = Pick<Participant, 'displayName' | 'group'>

export const UpdateParticipantBody = z
  .strictObject({ role: Role.optional(), group: StakeholderGroup.optional() })
  .refine((body) => body.role !== undefined || body.group !== undefined, {
    message: 'give a role or a group to change',
    path: ['role'],
  })
export type UpdateParticipantBody = z.infer<typeof UpdateParticipantBody>

/** What the server stamps into a connection's awareness `user` field. */
export const PresenceUser = z.object({
  id: z.string(),
  name: z.string(),
  group: StakeholderGroup,
  role: Role,
  color: z.string(),
})
export type PresenceUser = z.infer<typeof PresenceUser>
