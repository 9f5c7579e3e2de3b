import type { Party, Signature, TermHistoryEntry } from '../../../../shared/src/schema/mediation.js'
import type {
  AgreementContent,
  CaucusRecord,
  StoredAgreement,
} from '../../../../shared/src/schema/stored.js'

/* What the mediation and agreements need of storage, in the domain's own words (see ../ports.ts). */

export interface MediationRepository {
  insertParty(party: Omit<Party, 'members'>, memberIds: readonly string[]): Promise<void>
  updateParty(
    partyId: string,
    sessionId: string,
    name: string,
    memberIds: readonly string[],
  ): Promise<void>
  parties(sessionId: string): Promise<Party[]>
  partyOf(sessionId: string, participantId: string): Promise<string | undefined>
  isMember(partyId: string, participantId: string): Promise<boolean>
  insertCaucus(caucus: CaucusRecord): Promise<void>
  closeCaucus(id: string, at: string): Promise<void>
  findCaucus(id: string): Promise<CaucusRecord | undefined>
  caucuses(sessionId: string): Promise<CaucusRecord[]>
  caucusesOfParty(partyId: string): Promise<CaucusRecord[]>
}

export interface AgreementRepository {
  insert(agreement: StoredAgreement): Promise<void>
  /** Changes a draft; false when the agreement is no longer a draft. */
  updateDraft(id: string, content: AgreementContent, at: string): Promise<boolean>
  markSigned(id: string, at: string): Promise<void>
  find(id: string): Promise<StoredAgreement | undefined>
  listBySession(sessionId: string): Promise<StoredAgreement[]>
  listByWorkspace(workspaceId: string): Promise<StoredAgreement[]>
  /** Every signed agreement of every workspace. */
  listSigned(): Promise<StoredAgreement[]>
  amendedBy(id: string): Promise<string | null>
  addSignature(agreementId: string, signature: Signature): Promise<void>
  /** Withdraws every signature; answers how many there were. */
  clearSignatures(agreementId: string): Promise<number>
  signatures(agreementId: string): Promise<Signature[]>
  addTermStatus(agreementId: string, termId: string, entry: TermHistoryEntry): Promise<void>
  termHistory(agreementId: string): Promise<Map<string, TermHistoryEntry[]>>
}
