import type { AgreementRecord } from '../../../../shared/src/schema/mediation.js'
import type { ChainRecord } from '../../../../shared/src/schema/record-chain.js'
import type {
  AgreementContentRecord,
  SignatureRecord,
  TermStatusRecord,
} from '../../../../shared/src/transparency/agreement-records.js'

/** A signed agreement as its log entries tell it: its record, signatures and term follow-up. */
export interface LoggedAgreement {
  record: AgreementRecord | AgreementContentRecord
  /** For a record with commitments; an older record carries its signatures inside. */
  signatures: SignatureRecord[]
  /** In log order; follow-up given before term changes were logged is not here. */
  termStatuses: TermStatusRecord[]
}

/** Whether an agreement record names people by commitment (the form written since). */
export const isCommitted = (
  record: AgreementRecord | AgreementContentRecord,
): record is AgreementContentRecord => !('text' in record)

/** Gathers each signed agreement's entries from a workspace's records, by agreement id. */
export const agreementsInLog = (records: readonly ChainRecord[]): Map<string, LoggedAgreement> => {
  const agreements = new Map<string, LoggedAgreement>()
  for (const record of records) {
    if (record.kind === 'agreement') {
      agreements.set(record.id, { record, signatures: [], termStatuses: [] })
    } else if (record.kind === 'signature') {
      agreements.get(record.agreementId)?.signatures.push(record)
    } else if (record.kind === 'term-status') {
      agreements.get(record.agreementId)?.termStatuses.push(record)
    }
  }
  return agreements
}
