import type { Participant } from '../../../../shared/src/schema/people.js'
import { DisplayName } from '../../../../shared/src/schema/people.js'
import type {
  BeginSignInBody,
  SignInProblem,
  WorkspaceSignIn,
} from '../../../../shared/src/schema/sign-in.js'
import type { SignInAttempt } from '../../../../shared/src/schema/stored.js'
import { DomainError } from '../domain-error.js'
import type { Stores, Transaction } from '../ports.js'
import { hashToken, newToken } from '../secrets.js'
import { forbidden } from './access-rule.js'
import { recordAudit } from './audit.js'
import type { Invites } from './invites.js'
import type { IdentityProvider, ProvenIdentity } from './ports.js'
import type { Workspaces } from './workspaces.js'

/** How long a begun sign-in waits for its callback: a login form, not a session. */
export const signInLifetimeMs = 10 * 60_000

export type SignInOutcome =
  | { signedIn: Participant; token: string }
  | { refused: SignInProblem; workspaceId?: string }

const refused = (problem: SignInProblem, workspaceId?: string): SignInOutcome => ({
  refused: problem,
  ...(workspaceId ? { workspaceId } : {}),
})

/**
 * Sign-in with the organisation's identity provider. An identity (issuer, subject) joins a
 * workspace once, through an invite, and from then on comes back as the same participant; the
 * invite links stay as they are for everyone else.
 */
export class SignIns {
  constructor(
    private readonly stores: Stores,
    private readonly workspaces: Workspaces,
    private readonly invites: Invites,
    private readonly provider: IdentityProvider | undefined,
  ) {}

  /** Whether `workspaceId` accepts the provider (anyone may ask: the join page shows it). */
  async status(workspaceId: string): Promise<WorkspaceSignIn> {
    await this.workspaces.get(workspaceId)
    if (!this.provider) return { provider: null, accepted: false }
    return {
      provider: { name: this.provider.name },
      accepted: await this.stores.signIns.acceptsIssuer(workspaceId, this.provider.issuer),
    }
  }

  /** A facilitator turns sign-in with the provider on or off for the workspace (audited). */
  async setAccepted(actor: Participant, accepted: boolean): Promise<WorkspaceSignIn> {
    const provider = this.#configured()
    const { workspaceId } = actor
    await this.stores.transaction(async (tx) => {
      if ((await tx.signIns.acceptsIssuer(workspaceId, provider.issuer)) === accepted) return
      if (accepted) {
        await tx.signIns.acceptIssuer(
          workspaceId,
          provider.issuer,
          new Date().toISOString(),
          actor.id,
        )
      } else {
        await tx.signIns.withdrawIssuer(workspaceId, provider.issuer)
      }
      await recordAudit(tx, {
        workspaceId,
        actorId: actor.id,
        action: accepted ? 'sign_in.accepted' : 'sign_in.withdrawn',
        target: provider.issuer,
        details: { name: provider.name },
      })
    })
    return { provider: { name: provider.name }, accepted }
  }

  /**
   * Begins a sign-in: checks what can be checked now (the workspace accepts the provider, the
   * invite is usable and leads there), keeps the checks server-side under the hash of
   * `attemptId` (the browser's cookie), and answers where the browser goes.
   */
  async begin(
    body: BeginSignInBody,
    redirectUri: string,
  ): Promise<{ attemptId: string; url: string }> {
    const provider = this.#configured()
    await this.workspaces.get(body.workspaceId)
    if (!(await this.stores.signIns.acceptsIssuer(body.workspaceId, provider.issuer))) {
      throw forbidden('issuer_not_accepted', `this workspace does not accept ${provider.name}`)
    }
    if (body.invite) {
      const { invite } = await this.invites.preview(body.invite)
      if (invite.workspaceId !== body.workspaceId) {
        throw new DomainError('bad_request', 'this invite leads to another workspace')
      }
    }
    const checks = { state: newToken(), nonce: newToken(), codeVerifier: newToken() }
    let url: string
    try {
      url = await provider.authorizationUrl(redirectUri, checks)
    } catch (cause) {
      throw new DomainError('unavailable', `${provider.name} cannot be reached for now`, {
        cause: String(cause),
      })
    }
    const attemptId = newToken()
    const now = Date.now()
    await this.stores.transaction(async (tx) => {
      await tx.signIns.forgetAttempts(now - signInLifetimeMs)
      await tx.signIns.insertAttempt(hashToken(attemptId), {
        workspaceId: body.workspaceId,
        issuer: provider.issuer,
        ...checks,
        inviteCode: body.invite ?? null,
        displayName: body.displayName ?? null,
        group: body.group ?? null,
        createdAt: now,
      })
    })
    return { attemptId, url }
  }

  /**
   * The provider's answer at the callback. The attempt is taken (so a replayed answer finds
   * none), its state compared, the code redeemed; then, in one transaction, the identity comes
   * back as its participant or joins through the invite it came with. Nothing is written for
   * an answer refused.
   */
  async finish(attemptId: string | undefined, callbackUrl: URL): Promise<SignInOutcome> {
    const provider = this.#configured()
    if (!attemptId) return refused('state_mismatch')
    const attempt = await this.stores.transaction(
      async (tx) => await tx.signIns.takeAttempt(hashToken(attemptId)),
    )
    if (!attempt || attempt.createdAt < Date.now() - signInLifetimeMs) {
      return refused('state_mismatch', attempt?.workspaceId)
    }
    const { workspaceId } = attempt
    if (callbackUrl.searchParams.get('state') !== attempt.state) {
      return refused('state_mismatch', workspaceId)
    }
    if (callbackUrl.searchParams.has('error')) return refused('denied', workspaceId)
    if (attempt.issuer !== provider.issuer) return refused('not_accepted', workspaceId)
    let identity: ProvenIdentity
    try {
      identity = await provider.redeem(callbackUrl, attempt)
    } catch {
      return refused('provider_failed', workspaceId)
    }
    const admit = () => this.stores.transaction((tx) => this.#admit(tx, attempt, identity))
    try {
      try {
        return await admit()
      } catch (error) {
        // The same identity's first sign-in in another tab may have won the binding (or the
        // last use of the invite): once more, it comes back as the participant that one made.
        if (error instanceof BoundMeanwhile || inviteUnusable(error)) return await admit()
        throw error
      }
    } catch (error) {
      if (inviteUnusable(error)) return refused('invite_unusable', workspaceId)
      throw error
    }
  }

  async #admit(
    tx: Transaction,
    attempt: SignInAttempt,
    identity: ProvenIdentity,
  ): Promise<SignInOutcome> {
    const { workspaceId, issuer } = attempt
    if (!(await tx.signIns.acceptsIssuer(workspaceId, issuer))) {
      return refused('not_accepted', workspaceId)
    }
    const key = { workspaceId, issuer, subject: identity.subject }
    const now = new Date().toISOString()
    const bound = await tx.signIns.boundParticipant(workspaceId, issuer, identity.subject)
    if (bound) {
      // A removed participant keeps the binding, so the same identity cannot sign back in.
      const participant = await tx.workspaces.findParticipant(workspaceId, bound)
      if (!participant) return refused('removed', workspaceId)
      const token = newToken()
      await tx.signIns.insertToken(hashToken(token), participant.id, now)
      return { signedIn: participant, token }
    }
    if (!attempt.inviteCode) return refused('no_invite', workspaceId)
    const joined = await this.invites.accept(attempt.inviteCode, {
      displayName: displayNameOf(attempt, identity),
      ...(attempt.group ? { group: attempt.group } : {}),
    })
    // Thrown, the transaction rolls back the participant just made and the invite's use.
    if (!(await tx.signIns.bind(key, joined.participant.id, now))) throw new BoundMeanwhile()
    return { signedIn: joined.participant, token: joined.token }
  }

  #configured(): IdentityProvider {
    if (!this.provider) {
      throw new DomainError('not_found', 'this server has no identity provider configured')
    }
    return this.provider
  }
}

/** Another sign-in of the same identity bound it first. */
class BoundMeanwhile extends Error {}

const inviteUnusable = (error: unknown): boolean =>
  error instanceof DomainError && (error.code === 'gone' || error.code === 'not_found')

/** The name typed on the join page, else the provider's, else a plain one. */
const displayNameOf = (attempt: SignInAttempt, identity: ProvenIdentity): string => {
  for (const candidate of [attempt.displayName, identity.name]) {
    const parsed = DisplayName.safeParse(candidate?.slice(0, 80))
    if (parsed.success) return parsed.data
  }
  return 'Participant'
}
