import type { Agreement } from '../../../../shared/src/schema/mediation.js'

/** How many of the agreement's parties have signed, out of how many. */
export const signedCount = (agreement: Agreement) => {
  const signed = new Set(agreement.signatures.map((signature) => signature.partyId))
  return {
    signed: agreement.parties.filter((party) => signed.has(party.id)).length,
    total: agreement.parties.length,
  }
}

/** The message key of an agreement's state, in words. */
export const statusKey = (agreement: Agreement) =>
  agreement.status === 'draft'
    ? ('agreement.status.draft' as const)
    : agreement.amendedBy
      ? ('agreement.status.amended' as const)
      : ('agreement.status.signed' as const)
