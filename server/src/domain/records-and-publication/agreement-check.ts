import {
  type Agreement,
  type AgreementTerm,
  agreementText,
  type Signature,
  type TermFollowUp,
  type TermHistoryEntry,
} from '../../../../shared/src/schema/mediation.js'
import { canonicalJson } from '../../../../shared/src/schema/record-chain.js'
import type { LogMismatch } from '../../../../shared/src/transparency/log-check.js'
import { isCommitted, type LoggedAgreement } from './agreement-log.js'
import type { CommitmentReader } from './person-commitments.js'

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b)

const byParty = <T extends { partyId: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => (a.partyId < b.partyId ? -1 : a.partyId > b.partyId ? 1 : 0))

/** What a signed agreement's rows must match in its log record, as the record states it. */
const contentOf = (agreement: Agreement, logged: LoggedAgreement, people?: CommitmentReader) => {
  const common = {
    signed: agreement.status === 'signed',
    title: agreement.title,
    parties: agreement.parties.map(({ id, name }) => ({ id, name })),
    amends: agreement.amends,
  }
  if (!isCommitted(logged.record)) {
    return { ...common, text: agreement.text, textHash: agreement.textHash, terms: agreement.terms }
  }
  return {
    ...common,
    preamble: agreement.preamble,
    language: agreement.language,
    textHash: agreement.textHash,
    terms: agreement.terms.map((term) => ({
      id: term.id,
      text: term.text,
      owner: people?.person(term.ownerId),
      dueDate: term.dueDate,
    })),
  }
}

const loggedContent = ({ record }: LoggedAgreement) => {
  const common = {
    signed: true,
    title: record.title,
    parties: record.parties.map(({ id, name }) => ({ id, name })),
    amends: record.amends,
  }
  if (!isCommitted(record)) {
    return { ...common, text: record.text, textHash: record.textHash, terms: record.terms }
  }
  return {
    ...common,
    preamble: record.preamble,
    language: record.language,
    textHash: record.textHash,
    terms: record.terms,
  }
}

/** The content the log holds, in the shape a reader is served. */
const contentFromLog = (
  agreement: Agreement,
  { record }: LoggedAgreement,
  people?: CommitmentReader,
): Partial<Agreement> => {
  const parties = record.parties.map((party) => ({
    ...party,
    members: agreement.parties.find((item) => item.id === party.id)?.members ?? [],
  }))
  const common = {
    status: 'signed' as const,
    signedAt: record.recordedAt,
    title: record.title,
    amends: record.amends,
    parties,
    textHash: record.textHash,
  }
  if (!isCommitted(record)) {
    // The older form holds the rendered text itself, preamble included.
    return { ...common, preamble: '', text: record.text, terms: record.terms }
  }
  const terms: AgreementTerm[] = record.terms.map((term) => {
    const owner = people?.named(term.owner)
    return {
      id: term.id,
      text: term.text,
      dueDate: term.dueDate,
      ownerId: owner?.participantId ?? '',
      ownerName: owner?.name ?? '',
    }
  })
  return {
    ...common,
    preamble: record.preamble,
    ...(record.language ? { language: record.language } : {}),
    terms,
    text: agreementText({ ...record, terms }),
  }
}

const signaturesOf = (agreement: Agreement, logged: LoggedAgreement, people?: CommitmentReader) =>
  isCommitted(logged.record)
    ? byParty(
        agreement.signatures.map((signature) => ({
          partyId: signature.partyId,
          partyName: signature.partyName,
          signer: people?.person(signature.participantId),
          textHash: signature.textHash,
          signedAt: signature.signedAt,
        })),
      )
    : byParty(agreement.signatures)

const loggedSignatures = ({ record, signatures }: LoggedAgreement) =>
  isCommitted(record)
    ? byParty(
        signatures.map(({ partyId, partyName, signer, textHash, signedAt }) => ({
          partyId,
          partyName,
          signer,
          textHash,
          signedAt,
        })),
      )
    : byParty(record.signatures)

const signaturesFromLog = (logged: LoggedAgreement, people?: CommitmentReader): Signature[] => {
  const { record } = logged
  if (!isCommitted(record)) return record.signatures
  return [...logged.signatures]
    .sort((a, b) => a.signedAt.localeCompare(b.signedAt) || a.partyId.localeCompare(b.partyId))
    .map((signature) => {
      const signer = people?.named(signature.signer)
      return {
        partyId: signature.partyId,
        partyName: signature.partyName,
        participantId: signer?.participantId ?? '',
        name: signer?.name ?? '',
        signedAt: signature.signedAt,
        textHash: signature.textHash,
      }
    })
}

/**
 * Whether each term's follow-up rows match its logged changes. Follow-up of an agreement logged in
 * the older form may predate logging: there the logged changes must be the rows' latest ones.
 */
const termStatusMatches = (
  agreement: Agreement,
  logged: LoggedAgreement,
  people?: CommitmentReader,
): boolean => {
  const termIds = new Set([
    ...agreement.followUp.map((term) => term.termId),
    ...logged.termStatuses.map((entry) => entry.termId),
  ])
  for (const termId of termIds) {
    const fromLog = logged.termStatuses
      .filter((entry) => entry.termId === termId)
      .map(({ status, note, by, at }) => ({ status, note, by, at }))
    const rows = (agreement.followUp.find((term) => term.termId === termId)?.history ?? []).map(
      (entry) => ({
        status: entry.status,
        note: people?.note(entry.note),
        by: people?.person(entry.participantId),
        at: entry.at,
      }),
    )
    const compared = isCommitted(logged.record) ? rows : rows.slice(rows.length - fromLog.length)
    if (fromLog.length > rows.length || !same(compared, fromLog)) return false
  }
  return true
}

/** Each term's follow-up as logged; a note is shown only if a row holds the note logged. */
const followUpFromLog = (
  agreement: Agreement,
  terms: readonly AgreementTerm[],
  logged: LoggedAgreement,
  today: string,
  people?: CommitmentReader,
): TermFollowUp[] => {
  const binding = agreement.amendedBy === null
  return terms.map((term) => {
    // Each stored note by its commitment, to find the one a logged change names.
    const rowNotes = new Map(
      (agreement.followUp.find((item) => item.termId === term.id)?.history ?? []).map((entry) => [
        people?.note(entry.note),
        entry.note,
      ]),
    )
    const history: TermHistoryEntry[] = logged.termStatuses
      .filter((entry) => entry.termId === term.id)
      .map((entry) => {
        const by = people?.named(entry.by)
        return {
          status: entry.status,
          note: rowNotes.get(entry.note) ?? '',
          participantId: by?.participantId ?? '',
          name: by?.name ?? '',
          at: entry.at,
        }
      })
    const status = history.at(-1)?.status ?? 'open'
    return {
      termId: term.id,
      status,
      overdue: binding && status === 'open' && term.dueDate < today,
      history,
    }
  })
}

/**
 * A signed agreement checked against its log entries. Parts whose rows match are served as they
 * are; a part that differs is served as the log holds it and named in `logCheck`, so a row
 * edited behind the server's back is reported and never shown as true.
 */
export const checkAgainstLog = (
  agreement: Agreement,
  logged: LoggedAgreement,
  today: string,
  people?: CommitmentReader,
): Agreement => {
  const mismatches: LogMismatch[] = []
  let checked = agreement
  if (!same(contentOf(agreement, logged, people), loggedContent(logged))) {
    mismatches.push('content')
    checked = { ...checked, ...contentFromLog(agreement, logged, people) }
  }
  const signaturesMatch = same(signaturesOf(agreement, logged, people), loggedSignatures(logged))
  if (!signaturesMatch) mismatches.push('signatures')
  const termsMatch = termStatusMatches(agreement, logged, people)
  if (!termsMatch) mismatches.push('term-status')
  // Who signed and who followed up is a commitment in the log: their names are the ones kept
  // beside it, never a row's. An older record holds its signers' names itself.
  const committed = isCommitted(logged.record)
  if (committed || !signaturesMatch) {
    checked = { ...checked, signatures: signaturesFromLog(logged, people) }
  }
  // Follow-up of an older record may predate logging: shown from its rows while they match.
  if (committed || !termsMatch || mismatches.includes('content')) {
    checked = {
      ...checked,
      followUp: followUpFromLog(agreement, checked.terms, logged, today, people),
    }
  }
  return { ...checked, logCheck: { matches: mismatches.length === 0, mismatches } }
}
