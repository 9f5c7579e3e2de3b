import { z } from 'zod'

/**
 * Who may do what, by name: the `details.rule` of a refusal where naming it helps (403, and the
 * 409 that keeps a facilitator). Rules enforced on the socket (`read_only_room`,
 * `server_owned_room`, `not_comment_author`,
 * `not_suggestion_author`) and by the code alone (`token_required`: 401) are
 * named here so docs/spec.md and the tests can call them by the same ids.
 */
export const AccessRule = z.enum([
  'token_required',
  'other_workspace',
  'role_not_allowed',
  'read_only_room',
  'server_owned_room',
  'not_comment_author',
  /** A commenter the facilitator lets suggest changes the plan only by suggestions of their own. */
  'not_suggestion_author',
  'last_facilitator',
  'not_the_mediator',
  /** In a mediation, only its mediator runs the session (a facilitator, even a party's, does not). */
  'mediator_runs_session',
  'not_in_caucus',
  'not_entry_author',
  'not_party_representative',
  'signer_not_party',
  'not_term_owner',
  /** Recording a position, comment or idea on behalf of someone else, without running sessions. */
  'not_recorder',
  /** Sign-in with the identity provider, in a workspace that has not accepted it. */
  'issuer_not_accepted',
])
export type AccessRule = z.infer<typeof AccessRule>
