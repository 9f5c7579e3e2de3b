import type { Generated } from 'kysely'

/* Workspaces and the people in them: participants, invites, and how they sign in. */

export interface WorkspaceTable {
  id: string
  name: string
  description: string
  created_at: string
  language: Generated<string>
}

export interface ParticipantTable {
  id: string
  workspace_id: string
  display_name: string
  stakeholder_group: string
  role: string
  token_hash: string
  joined_at: string
  removed_at: string | null
}

export interface InviteTable {
  code: string
  workspace_id: string
  role: string
  stakeholder_group: string | null
  max_uses: number | null
  uses: Generated<number>
  expires_at: string | null
  revoked_at: string | null
  created_at: string
  created_by: string
}

/** A workspace that accepts sign-in from an identity provider (issuer URL). */
export interface WorkspaceIssuerTable {
  workspace_id: string
  issuer: string
  accepted_at: string
  accepted_by: string
}

/** Whose identity at a provider a participant is. */
export interface ParticipantIdentityTable {
  workspace_id: string
  issuer: string
  subject: string
  participant_id: string
  bound_at: string
}

/** A name and group a participant had before their present one, and when it ended. */
export interface EarlierIdentityTable {
  participant_id: string
  display_name: string
  stakeholder_group: string
  until: string
}

/** A token a sign-in handed to one browser, besides the participant's own. */
export interface SignInTokenTable {
  token_hash: string
  participant_id: string
  created_at: string
}

/** A sign-in under way: what its callback must check, keyed by the hash of its cookie. */
export interface SignInAttemptTable {
  id_hash: string
  workspace_id: string
  issuer: string
  state: string
  nonce: string
  code_verifier: string
  invite_code: string | null
  display_name: string | null
  stakeholder_group: string | null
  created_at: number
}

export interface PeopleTables {
  workspace: WorkspaceTable
  participant: ParticipantTable
  invite: InviteTable
  workspace_issuer: WorkspaceIssuerTable
  participant_identity: ParticipantIdentityTable
  earlier_identity: EarlierIdentityTable
  sign_in_token: SignInTokenTable
  sign_in_attempt: SignInAttemptTable
}
