import type { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import type { SignInAttempt } from '../../../../shared/src/schema/stored.js'
import type { Queries } from '../schema.js'

/** Sign-in with an identity provider: accepted issuers, bound identities, tokens, attempts. */
export class SignInRepository {
  constructor(private readonly q: Queries) {}

  async acceptsIssuer(workspaceId: string, issuer: string): Promise<boolean> {
    const row = await this.q.db
      .selectFrom('workspace_issuer')
      .select('issuer')
      .where('workspace_id', '=', workspaceId)
      .where('issuer', '=', issuer)
      .executeTakeFirst()
    return row !== undefined
  }

  async acceptIssuer(workspaceId: string, issuer: string, at: string, by: string): Promise<void> {
    await this.q.db
      .insertInto('workspace_issuer')
      .values({ workspace_id: workspaceId, issuer, accepted_at: at, accepted_by: by })
      .onConflict((oc) => oc.columns(['workspace_id', 'issuer']).doNothing())
      .execute()
  }

  async withdrawIssuer(workspaceId: string, issuer: string): Promise<void> {
    await this.q.db
      .deleteFrom('workspace_issuer')
      .where('workspace_id', '=', workspaceId)
      .where('issuer', '=', issuer)
      .execute()
  }

  async insertAttempt(idHash: string, attempt: SignInAttempt): Promise<void> {
    await this.q.db
      .insertInto('sign_in_attempt')
      .values({
        id_hash: idHash,
        workspace_id: attempt.workspaceId,
        issuer: attempt.issuer,
        state: attempt.state,
        nonce: attempt.nonce,
        code_verifier: attempt.codeVerifier,
        invite_code: attempt.inviteCode,
        display_name: attempt.displayName,
        stakeholder_group: attempt.group,
        created_at: attempt.createdAt,
      })
      .execute()
  }

  async takeAttempt(idHash: string): Promise<SignInAttempt | undefined> {
    const row = await this.q.db
      .deleteFrom('sign_in_attempt')
      .where('id_hash', '=', idHash)
      .returningAll()
      .executeTakeFirst()
    return (
      row && {
        workspaceId: row.workspace_id,
        issuer: row.issuer,
        state: row.state,
        nonce: row.nonce,
        codeVerifier: row.code_verifier,
        inviteCode: row.invite_code,
        displayName: row.display_name,
        group: row.stakeholder_group as StakeholderGroup | null,
        createdAt: Number(row.created_at),
      }
    )
  }

  async forgetAttempts(before: number): Promise<void> {
    await this.q.db.deleteFrom('sign_in_attempt').where('created_at', '<', before).execute()
  }

  async boundParticipant(
    workspaceId: string,
    issuer: string,
    subject: string,
  ): Promise<string | undefined> {
    const row = await this.q.db
      .selectFrom('participant_identity')
      .select('participant_id')
      .where('workspace_id', '=', workspaceId)
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .executeTakeFirst()
    return row?.participant_id
  }

  /** Binds the identity; false when it was bound meanwhile (by a sign-in racing this one). */
  async bind(
    identity: { workspaceId: string; issuer: string; subject: string },
    participantId: string,
    at: string,
  ): Promise<boolean> {
    const result = await this.q.db
      .insertInto('participant_identity')
      .values({
        workspace_id: identity.workspaceId,
        issuer: identity.issuer,
        subject: identity.subject,
        participant_id: participantId,
        bound_at: at,
      })
      .onConflict((conflict) => conflict.columns(['workspace_id', 'issuer', 'subject']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  async insertToken(tokenHash: string, participantId: string, at: string): Promise<void> {
    await this.q.db
      .insertInto('sign_in_token')
      .values({ token_hash: tokenHash, participant_id: participantId, created_at: at })
      .execute()
  }
}
