import type {
  Agreement,
  AgreementParty,
  AgreementTerm,
  DraftAgreementBody,
  EditAgreementBody,
  SignBody,
  TermStatusBody,
} from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type { Session } from '../../../../shared/src/schema/session.js'
import type { AgreementContent, StoredAgreement } from '../../../../shared/src/schema/stored.js'
import { DomainError } from '../domain-error.js'
import { mapInOrder } from '../in-order.js'
import { forbidden } from '../people-and-access/access-rule.js'
import { recordAudit } from '../people-and-access/audit.js'
import { workspaceLanguage } from '../people-and-access/workspace-language.js'
import type { Stores, Transaction } from '../ports.js'
import { checkAgainstLog } from '../records-and-publication/agreement-check.js'
import { logSignedAgreement, logTermStatus } from '../records-and-publication/agreement-entries.js'
import { agreementsInLog, type LoggedAgreement } from '../records-and-publication/agreement-log.js'
import type { PersonCommitments } from '../records-and-publication/person-commitments.js'
import type { RecordChain } from '../records-and-publication/record-chain.js'
import { newId } from '../secrets.js'
import { today, viewAgreement } from './agreement-view.js'
import { refuseMediation } from './mediation-rule.js'
import type { Mediations } from './mediations.js'

/**
 * Agreements of a mediation: drafted by the mediator, signed by each party's own representatives
 * on the hash of the text they were shown, immutable once every party has signed (then chained
 * beside decisions), amended only by new agreements, and followed up term by term.
 */
export class Agreements {
  constructor(
    private readonly stores: Stores,
    private readonly mediations: Mediations,
    private readonly chain: RecordChain,
    private readonly commitments: PersonCommitments,
  ) {}

  async draft(actor: Participant, sessionId: string, body: DraftAgreementBody): Promise<Agreement> {
    const session = await this.mediations.session(actor, sessionId)
    this.mediations.requireMediator(actor, session, 'draft agreements')
    const id = newId()
    await this.stores.transaction(async (tx) => {
      if (body.amends) await this.#checkAmendable(actor, body.amends)
      const now = new Date().toISOString()
      await tx.agreements.insert({
        ...(await this.#content(session, body)),
        id,
        workspaceId: actor.workspaceId,
        sessionId,
        amends: body.amends ?? null,
        status: 'draft',
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
        signedAt: null,
      })
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'agreement.drafted',
        target: id,
        details: { sessionId, amends: body.amends ?? null },
      })
    })
    return await this.get(actor, id)
  }

  /** Changes a draft. Signatures given to the earlier text are withdrawn: it is not what they saw. */
  async edit(actor: Participant, agreementId: string, body: EditAgreementBody): Promise<Agreement> {
    const stored = await this.#find(actor, agreementId)
    const session = await this.mediations.session(actor, stored.sessionId)
    this.mediations.requireMediator(actor, session, 'edit agreements')
    await this.stores.transaction(async (tx) => {
      const changed = await tx.agreements.updateDraft(
        agreementId,
        await this.#content(session, body),
        new Date().toISOString(),
      )
      if (!changed)
        refuseMediation('agreement_signed', 'a signed agreement cannot change; amend it')
      const withdrawn = await tx.agreements.clearSignatures(agreementId)
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'agreement.edited',
        target: agreementId,
        details: { withdrawnSignatures: withdrawn },
      })
    })
    return await this.get(actor, agreementId)
  }

  /** Signs for the caller's own party; the last party's signature makes the agreement signed. */
  async sign(actor: Participant, agreementId: string, body: SignBody): Promise<Agreement> {
    await this.stores.transaction(async (tx) => {
      const agreement = await this.get(actor, agreementId)
      const partyId = await tx.mediation.partyOf(agreement.sessionId, actor.id)
      const party = agreement.parties.find((item) => item.id === partyId)
      if (!party) {
        throw forbidden(
          'signer_not_party',
          'only a representative of a party to this agreement may sign it',
          actor.role,
        )
      }
      if (agreement.status === 'signed') refuseMediation('agreement_signed', 'it is already signed')
      if (agreement.amends) await this.#checkAmendable(actor, agreement.amends)
      const earlier = agreement.signatures.find((signature) => signature.partyId === party.id)
      if (earlier) {
        refuseMediation(
          'party_already_signed',
          `${party.name} has already signed (by ${earlier.name})`,
        )
      }
      if (body.textHash !== agreement.textHash) {
        refuseMediation(
          'text_changed',
          'the agreement changed since it was shown to you: read it again',
        )
      }
      const signedAt = new Date().toISOString()
      await tx.agreements.addSignature(agreementId, {
        partyId: party.id,
        partyName: party.name,
        participantId: actor.id,
        name: actor.displayName,
        signedAt,
        textHash: body.textHash,
      })
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'agreement.signature',
        target: agreementId,
        details: { partyId: party.id, textHash: body.textHash },
      })
      const signed = new Set([...agreement.signatures.map((item) => item.partyId), party.id])
      if (agreement.parties.every((item) => signed.has(item.id))) {
        await this.#seal(tx, actor, agreementId, signedAt)
      }
    })
    return await this.get(actor, agreementId)
  }

  /** Follow-up of a signed agreement's term, by its owner or the mediator; kept as history. */
  async setTermStatus(
    actor: Participant,
    agreementId: string,
    termId: string,
    body: TermStatusBody,
  ): Promise<Agreement> {
    const agreement = await this.get(actor, agreementId)
    const term = agreement.terms.find((item) => item.id === termId)
    if (!term) throw new DomainError('not_found', 'no such term in this agreement')
    const session = await this.mediations.session(actor, agreement.sessionId)
    if (actor.id !== term.ownerId && !this.mediations.isMediator(actor, session)) {
      throw forbidden('not_term_owner', 'only the owner of the term or the mediator may update it')
    }
    if (agreement.status !== 'signed') {
      refuseMediation('not_signed', 'terms are followed up once signed')
    }
    if (agreement.amendedBy) {
      refuseMediation('agreement_amended', 'it was amended: follow up the amendment’s terms')
    }
    await this.stores.transaction(async (tx) => {
      const entry = {
        status: body.status,
        note: body.note ?? '',
        participantId: actor.id,
        name: actor.displayName,
        at: new Date().toISOString(),
      }
      await tx.agreements.addTermStatus(agreementId, termId, entry)
      await logTermStatus(
        tx,
        this.chain,
        this.commitments,
        { workspaceId: actor.workspaceId, agreementId, termId },
        entry,
      )
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'term.status_changed',
        target: agreementId,
        details: { termId, status: body.status },
      })
    })
    return await this.get(actor, agreementId)
  }

  async workspaceOf(agreementId: string): Promise<string | undefined> {
    return (await this.stores.agreements.find(agreementId))?.workspaceId
  }

  async get(actor: Participant, agreementId: string): Promise<Agreement> {
    return await this.view(await this.#find(actor, agreementId))
  }

  async listBySession(actor: Participant, sessionId: string): Promise<Agreement[]> {
    await this.mediations.session(actor, sessionId)
    return await mapInOrder(
      await this.stores.agreements.listBySession(sessionId),
      async (stored) => await this.view(stored),
    )
  }

  async listByWorkspace(workspaceId: string): Promise<Agreement[]> {
    const logged = agreementsInLog(await this.chain.list(workspaceId))
    return await mapInOrder(
      await this.stores.agreements.listByWorkspace(workspaceId),
      async (stored) => await this.view(stored, logged.get(stored.id) ?? null),
    )
  }

  /**
   * An agreement as a reader is shown it: once signed, checked against its log entries and
   * served as they hold it (`logged` when the caller has already read the log).
   */
  async view(stored: StoredAgreement, logged?: LoggedAgreement | null): Promise<Agreement> {
    const rows = await viewAgreement(this.stores, stored)
    const entries =
      logged === undefined
        ? agreementsInLog(
            await this.stores.chain.listForAgreement(stored.workspaceId, stored.id),
          ).get(stored.id)
        : (logged ?? undefined)
    if (!entries) return rows
    return checkAgainstLog(
      rows,
      entries,
      today(),
      await this.commitments.reader(stored.workspaceId),
    )
  }

  /** Every party has signed: the agreement is fixed and joins the record chain. */
  async #seal(
    tx: Transaction,
    actor: Participant,
    agreementId: string,
    signedAt: string,
  ): Promise<void> {
    // Amendability was checked in this same transaction, so the one-amendment index holds.
    await tx.agreements.markSigned(agreementId, signedAt)
    const agreement = await this.get(actor, agreementId)
    const record = await logSignedAgreement(tx, this.chain, this.commitments, agreement, signedAt)
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.id,
      action: 'agreement.signed',
      target: agreementId,
      details: { sequence: record.sequence, hash: record.hash },
    })
  }

  async #find(actor: Participant, agreementId: string): Promise<StoredAgreement> {
    const stored = await this.stores.agreements.find(agreementId)
    if (!stored || stored.workspaceId !== actor.workspaceId) {
      throw new DomainError('not_found', 'no such agreement')
    }
    return stored
  }

  async #checkAmendable(actor: Participant, amends: string): Promise<void> {
    const original = await this.#find(actor, amends)
    if (original.status !== 'signed') {
      refuseMediation(
        'amends_unsigned',
        'only a signed agreement can be amended; edit the draft instead',
      )
    }
    if (await this.stores.agreements.amendedBy(amends)) {
      refuseMediation(
        'already_amended',
        'this agreement has already been amended; amend the amendment',
      )
    }
  }

  /** The parties (as they are now) and terms, each owner a representative or the mediator. */
  async #content(session: Session, body: EditAgreementBody): Promise<AgreementContent> {
    const parties: AgreementParty[] = (await this.mediations.parties(session.id)).map(
      ({ id, name, members }) => ({ id, name, members }),
    )
    if (parties.length < 2) refuseMediation('no_parties', 'an agreement needs at least two parties')
    const owners = new Map<string, string>()
    for (const member of parties.flatMap((party) => party.members)) {
      owners.set(member.participantId, member.name)
    }
    const mediator = await this.stores.workspaces.findParticipant(
      session.workspaceId,
      session.createdBy,
    )
    if (mediator) owners.set(mediator.id, mediator.displayName)
    const problems = body.terms.flatMap((term, index) =>
      owners.has(term.ownerId)
        ? []
        : [
            {
              path: `terms.${index}.ownerId`,
              message: 'the owner must represent a party, or be the mediator',
            },
          ],
    )
    if (problems.length > 0) {
      throw new DomainError('bad_request', 'every term needs an owner from the parties', problems)
    }
    const terms: AgreementTerm[] = body.terms.map((term) => ({
      id: newId(),
      text: term.text,
      ownerId: term.ownerId,
      ownerName: owners.get(term.ownerId) ?? '',
      dueDate: term.dueDate,
    }))
    // Drafted, and redrafted on each edit, in the workspace's language as it is then.
    const language = await workspaceLanguage(this.stores, session.workspaceId)
    return { title: body.title, preamble: body.preamble ?? '', parties, terms, language }
  }
}
