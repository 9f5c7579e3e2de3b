import type { Agreement, TermHistoryEntry } from '../../../../shared/src/schema/mediation.js'
import type { AgreementContentRecord } from '../../../../shared/src/transparency/agreement-records.js'
import type { InChain, RecordChain } from '../record-chain.js'
import { newId } from '../secrets.js'
import type { PersonCommitments } from './person-commitments.js'

/**
 * Writes a signed agreement's entries into the log: the agreement, then each party's signature.
 * People go in as commitments, their names beside the log. Call in the sealing transaction.
 */
export const logSignedAgreement = (
  tx: InChain,
  chain: RecordChain,
  commitments: PersonCommitments,
  agreement: Agreement,
  signedAt: string,
): AgreementContentRecord => {
  const { workspaceId } = agreement
  const person = (id: string, name: string) => commitments.person(tx, workspaceId, id, name)
  const record = chain.appendAgreement(tx, workspaceId, {
    id: agreement.id,
    sessionId: agreement.sessionId,
    title: agreement.title,
    preamble: agreement.preamble,
    parties: agreement.parties.map(({ id, name }) => ({ id, name })),
    terms: agreement.terms.map((term) => ({
      id: term.id,
      text: term.text,
      owner: person(term.ownerId, term.ownerName),
      dueDate: term.dueDate,
    })),
    amends: agreement.amends,
    ...(agreement.language ? { language: agreement.language } : {}),
    textHash: agreement.textHash,
    recordedAt: signedAt,
  })
  for (const signature of agreement.signatures) {
    chain.appendSignature(tx, workspaceId, {
      id: newId(),
      agreementId: agreement.id,
      partyId: signature.partyId,
      partyName: signature.partyName,
      signer: person(signature.participantId, signature.name),
      textHash: signature.textHash,
      signedAt: signature.signedAt,
    })
  }
  return record
}

/** Writes one change of a term's status into the log; its note only as a commitment. */
export const logTermStatus = (
  tx: InChain,
  chain: RecordChain,
  commitments: PersonCommitments,
  where: { workspaceId: string; agreementId: string; termId: string },
  entry: TermHistoryEntry,
): void => {
  const { workspaceId, agreementId, termId } = where
  chain.appendTermStatus(tx, workspaceId, {
    id: newId(),
    agreementId,
    termId,
    status: entry.status,
    note: commitments.note(tx, workspaceId, entry.note),
    by: commitments.person(tx, workspaceId, entry.participantId, entry.name),
    at: entry.at,
  })
}
