import type { Agreement, TermHistoryEntry } from '../../../../shared/src/schema/mediation.js'
import type { AgreementContentRecord } from '../../../../shared/src/transparency/agreement-records.js'
import { mapInOrder } from '../in-order.js'
import { newId } from '../secrets.js'
import type { PersonCommitments } from './person-commitments.js'
import type { InChain, RecordChain } from './record-chain.js'

/**
 * Writes a signed agreement's entries into the log: the agreement, then each party's signature.
 * People go in as commitments, their names beside the log. Call in the sealing transaction.
 */
export const logSignedAgreement = async (
  tx: InChain,
  chain: RecordChain,
  commitments: PersonCommitments,
  agreement: Agreement,
  signedAt: string,
): Promise<AgreementContentRecord> => {
  const { workspaceId } = agreement
  const person = async (id: string, name: string) =>
    await commitments.person(tx, workspaceId, id, name)
  const record = await chain.appendAgreement(tx, workspaceId, {
    id: agreement.id,
    sessionId: agreement.sessionId,
    title: agreement.title,
    preamble: agreement.preamble,
    parties: agreement.parties.map(({ id, name }) => ({ id, name })),
    terms: await mapInOrder(agreement.terms, async (term) => ({
      id: term.id,
      text: term.text,
      owner: await person(term.ownerId, term.ownerName),
      dueDate: term.dueDate,
    })),
    amends: agreement.amends,
    ...(agreement.language ? { language: agreement.language } : {}),
    textHash: agreement.textHash,
    recordedAt: signedAt,
  })
  for (const signature of agreement.signatures) {
    await chain.appendSignature(tx, workspaceId, {
      id: newId(),
      agreementId: agreement.id,
      partyId: signature.partyId,
      partyName: signature.partyName,
      signer: await person(signature.participantId, signature.name),
      textHash: signature.textHash,
      signedAt: signature.signedAt,
    })
  }
  return record
}

/** Writes one change of a term's status into the log; its note only as a commitment. */
export const logTermStatus = async (
  tx: InChain,
  chain: RecordChain,
  commitments: PersonCommitments,
  where: { workspaceId: string; agreementId: string; termId: string },
  entry: TermHistoryEntry,
): Promise<void> => {
  const { workspaceId, agreementId, termId } = where
  await chain.appendTermStatus(tx, workspaceId, {
    id: newId(),
    agreementId,
    termId,
    status: entry.status,
    note: await commitments.note(tx, workspaceId, entry.note),
    by: await commitments.person(tx, workspaceId, entry.participantId, entry.name),
    at: entry.at,
  })
}
