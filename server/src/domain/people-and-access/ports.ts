import type { AuditEntry } from '../../../../shared/src/schema/audit.js'
import type { Invite } from '../../../../shared/src/schema/invite.js'
import type { Language } from '../../../../shared/src/schema/language.js'
import type {
  NameAndGroup,
  Participant,
  Role,
  StakeholderGroup,
} from '../../../../shared/src/schema/people.js'
import type {
  NewAuditEntry,
  NewParticipant,
  SignInAttempt,
} from '../../../../shared/src/schema/stored.js'
import type { Workspace } from '../../../../shared/src/schema/workspace.js'

/* What the people and access need of storage, in the domain's own words (see ../ports.ts). */

export interface WorkspaceRepository {
  insertWorkspace(workspace: Workspace): Promise<void>
  findWorkspace(id: string): Promise<Workspace | undefined>
  deleteWorkspace(id: string): Promise<void>
  setLanguage(id: string, language: Language): Promise<void>
  insertParticipant(participant: NewParticipant): Promise<void>
  findByTokenHash(tokenHash: string): Promise<Participant | undefined>
  findParticipant(workspaceId: string, id: string): Promise<Participant | undefined>
  listParticipants(workspaceId: string): Promise<Participant[]>
  /** Every participant's id and display name, removed ones included. */
  everyoneNamed(workspaceId: string): Promise<[string, string][]>
  updateParticipant(id: string, change: { role: Role; group: StakeholderGroup }): Promise<void>
  /** Keeps a name and group the participant had until `until` (once per name and group). */
  rememberEarlierIdentity(participantId: string, had: NameAndGroup, until: string): Promise<void>
  /** The names and groups the participant had before their present one. */
  /** The names and groups a participant left behind at `endedSince` or later. */
  earlierIdentities(participantId: string, endedSince: string): Promise<NameAndGroup[]>
  removeParticipant(id: string, at: string): Promise<void>
  countFacilitators(workspaceId: string): Promise<number>
}

export interface InviteRepository {
  insert(invite: Invite): Promise<void>
  find(code: string): Promise<Invite | undefined>
  list(workspaceId: string): Promise<Invite[]>
  /** Takes one use; false when none is left. */
  use(code: string): Promise<boolean>
  revoke(code: string, at: string): Promise<void>
}

export interface AuditRepository {
  append(entry: NewAuditEntry): Promise<void>
  list(workspaceId: string): Promise<AuditEntry[]>
}

export interface SignInRepository {
  acceptsIssuer(workspaceId: string, issuer: string): Promise<boolean>
  acceptIssuer(workspaceId: string, issuer: string, at: string, by: string): Promise<void>
  withdrawIssuer(workspaceId: string, issuer: string): Promise<void>
  insertAttempt(idHash: string, attempt: SignInAttempt): Promise<void>
  /** Removes the attempt and answers it: each is taken once. */
  takeAttempt(idHash: string): Promise<SignInAttempt | undefined>
  /** Forgets attempts begun before `before` (milliseconds) that nobody came back for. */
  forgetAttempts(before: number): Promise<void>
  /** The participant bound to this identity in the workspace, removed or not. */
  boundParticipant(
    workspaceId: string,
    issuer: string,
    subject: string,
  ): Promise<string | undefined>
  bind(
    identity: { workspaceId: string; issuer: string; subject: string },
    participantId: string,
    at: string,
  ): Promise<boolean>
  insertToken(tokenHash: string, participantId: string, at: string): Promise<void>
}

/** What one sign-in must prove at its callback: all three are secrets of this server. */
export interface SignInChecks {
  state: string
  nonce: string
  codeVerifier: string
}

/** Who the provider says signed in, from an ID token it verified. */
export interface ProvenIdentity {
  subject: string
  /** The name the provider gives, if any. */
  name?: string
}

/**
 * An organisation's OpenID Connect provider: the authorization code flow with PKCE. The domain
 * never sees its protocol; the adapter validates everything the provider answers.
 */
export interface IdentityProvider {
  /** Its issuer URL: the identities it proves are (issuer, subject). */
  issuer: string
  /** How people know it: "Sign in with <name>". */
  name: string
  /** Where to send the browser to sign in. */
  authorizationUrl(redirectUri: string, checks: SignInChecks): Promise<string>
  /**
   * Redeems the code the callback URL carries and validates the ID token (issuer, audience,
   * signature, expiry, nonce); throws when anything does not hold.
   */
  redeem(callbackUrl: URL, checks: SignInChecks): Promise<ProvenIdentity>
}
