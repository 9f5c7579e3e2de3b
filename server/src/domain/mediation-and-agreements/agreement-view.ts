import {
  type Agreement,
  agreementText,
  type TermFollowUp,
} from '../../../../shared/src/schema/mediation.js'
import type { StoredAgreement } from '../../../../shared/src/schema/stored.js'
import type { Stores } from '../ports.js'
import { sha256 } from '../records-and-publication/record-chain.js'

/** Today as `YYYY-MM-DD` in UTC: a term is overdue from the (UTC) day after its due date. */
export const today = (): string => new Date().toISOString().slice(0, 10)

/**
 * An agreement as everyone sees it: its exact text and that text's hash, its signatures, the
 * agreement amending it, its place in the chain, and where each term stands.
 */
export const viewAgreement = async (
  stores: Stores,
  stored: StoredAgreement,
): Promise<Agreement> => {
  const text = agreementText(stored)
  const history = await stores.agreements.termHistory(stored.id)
  const amendedBy = await stores.agreements.amendedBy(stored.id)
  // Terms are followed up once signed; an amended agreement's terms are the amendment's now.
  const binding = stored.status === 'signed' && amendedBy === null
  const followUp = stored.terms.map((term): TermFollowUp => {
    const entries = history.get(term.id) ?? []
    const status = entries.at(-1)?.status ?? 'open'
    return {
      termId: term.id,
      status,
      overdue: binding && status === 'open' && term.dueDate < today(),
      history: entries,
    }
  })
  return {
    ...stored,
    text,
    textHash: sha256(text),
    signatures: await stores.agreements.signatures(stored.id),
    amendedBy,
    recordSequence: (await stores.chain.find(stored.id))?.sequence ?? null,
    followUp,
    // Checked against the log by the caller, once signed (`checkAgainstLog`).
    logCheck: null,
  }
}
