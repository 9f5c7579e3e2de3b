import { z } from 'zod'
import { InviteCode } from './invite.js'
import { DisplayName, StakeholderGroup } from './people.js'

/**
 * Why a sign-in with the organisation's identity provider did not let someone in: the `reason`
 * the callback hands the client's `/sign-in/failed/<reason>` page.
 */
export const SignInProblem = z.enum([
  /** The person (or the provider) refused at the provider: `error=access_denied` and the like. */
  'denied',
  /** No sign-in was begun in this browser, it expired, or the answer's `state` is not its own. */
  'state_mismatch',
  /** The workspace does not (or no longer) accept sign-in from this provider. */
  'not_accepted',
  /** Signed in, but this identity has no place in the workspace and came without an invite. */
  'no_invite',
  /** The invite it came with was revoked, has expired or is used up. */
  'invite_unusable',
  /** The participant this identity belongs to was removed from the workspace. */
  'removed',
  /** The provider's answer did not hold: a code used twice, a bad ID token, no connection. */
  'provider_failed',
])
export type SignInProblem = z.infer<typeof SignInProblem>

/** Whether a workspace accepts sign-in from the server's identity provider, and its name. */
export const WorkspaceSignIn = z.object({
  /** The configured provider's display name; null when the server has none. */
  provider: z.object({ name: z.string() }).nullable(),
  accepted: z.boolean(),
})
export type WorkspaceSignIn = z.infer<typeof WorkspaceSignIn>

export const SetWorkspaceSignInBody = z.strictObject({ accepted: z.boolean() })
export type SetWorkspaceSignInBody = z.infer<typeof SetWorkspaceSignInBody>

/** Begins a sign-in: into a workspace, through an invite the first time. */
export const BeginSignInBody = z.strictObject({
  workspaceId: z.string().min(1).max(64),
  invite: InviteCode.optional(),
  /** Used when joining through the invite; else the name the provider gives. */
  displayName: DisplayName.optional(),
  group: StakeholderGroup.optional(),
})
export type BeginSignInBody = z.infer<typeof BeginSignInBody>

/** Where the browser goes next: the provider's authorization endpoint. */
export const BegunSignIn = z.object({ url: z.url() })
