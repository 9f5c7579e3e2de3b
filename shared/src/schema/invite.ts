import { z } from 'zod'
import { DisplayName, Role, StakeholderGroup } from './people.js'

export const Invite = z.object({
  code: z.string(),
  workspaceId: z.string(),
  role: Role,
  group: StakeholderGroup.nullable(),
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
})
export type Invite = z.infer<typeof Invite>

export const CreateInviteBody = z.strictObject({
  role: Role,
  /** When set, people joining through this invite belong to this group. */
  group: StakeholderGroup.optional(),
  maxUses: z.number().int().min(1).max(10_000).optional(),
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((value) => Date.parse(value) > Date.now(), { message: 'must be in the future' })
    .optional(),
})
export type CreateInviteBody = z.infer<typeof CreateInviteBody>

export const CreatedInvite = z.object({ invite: Invite, url: z.string() })

export const AcceptInviteBody = z.strictObject({
  displayName: DisplayName,
  group: StakeholderGroup.optional(),
})
export type AcceptInviteBody = z.infer<typeof AcceptInviteBody>

export const InviteCode = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'not an invite code')

/** Why an invite no longer lets anyone in: the `details.reason` of its 410 answer. */
export const InviteUnusable = z.enum(['revoked', 'expired', 'used_up'])
export type InviteUnusable = z.infer<typeof InviteUnusable>
