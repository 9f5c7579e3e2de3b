import { sha256, utf8 } from './platform.js'

/**
 * Whether the signed agreements a feed shows are the ones its log holds: each shown agreement's
 * text hash, text and signatures against its entries, and every logged agreement shown. A row
 * deleted from the database leaves an agreement out of the feed; a server whose code was changed
 * could show another text or signer and still say they match (`logCheck`). `logged` are the
 * log's records, checked against its signed root; `shown` the feed's agreements.
 */

interface ShownAgreement {
  id?: unknown
  title?: unknown
  text?: unknown
  textHash?: unknown
  signatures?: { partyId?: unknown; textHash?: unknown; signedAt?: unknown }[]
}

type Logged = Record<string, unknown>

const fields = (record: unknown): Logged => (record ?? {}) as Logged

export const firstUnshownAgreement = (
  shown: readonly unknown[],
  logged: readonly unknown[],
): { sequence: number; title: string } | undefined => {
  const ids = new Set(shown.map((agreement) => fields(agreement).id))
  const missing = logged
    .map(fields)
    .find((record) => record.kind === 'agreement' && !ids.has(record.id))
  return (
    missing && { sequence: Number(missing.sequence), title: String(missing.title ?? missing.id) }
  )
}

/** Who signed for which party, over which text and when, in one comparable line per party. */
const signatureLines = (signatures: readonly Logged[]): string =>
  signatures
    .map(
      ({ partyId, textHash, signedAt }) =>
        `${String(partyId)} ${String(textHash)} ${String(signedAt)}`,
    )
    .sort()
    .join('\n')

/**
 * Whether each term's status shown is the last one its log entries hold ("open" when none is
 * logged). Follow-up given before term changes were logged, of an agreement in the older form,
 * was never logged: such a term is compared only once it has an entry.
 */
const followUpShownProblem = (
  followUp: readonly unknown[],
  records: readonly Logged[],
): string | undefined => {
  const last = new Map<string, unknown>()
  for (const record of records) {
    if (record.kind === 'term-status') {
      last.set(`${String(record.agreementId)} ${String(record.termId)}`, record.status)
    }
  }
  for (const term of followUp.map(fields)) {
    const agreement = records.find(
      (record) => record.kind === 'agreement' && record.id === term.agreementId,
    )
    if (!agreement) continue
    const logged = last.get(`${String(term.agreementId)} ${String(term.termId)}`)
    const expected = logged ?? ('text' in agreement ? undefined : 'open')
    if (expected !== undefined && term.status !== expected) {
      return `the follow-up shown for a term of the agreement “${String(agreement.title)}” is not the one the signed log holds`
    }
  }
  return undefined
}

/**
 * The first way a shown agreement differs from its log entries, in one sentence for the command.
 * `named`: the feed shows the texts as signed (an anonymised one replaces names in them, so only
 * their hashes are compared).
 */
export const shownAgreementsProblem = async (
  shown: readonly unknown[],
  logged: readonly unknown[],
  { named, followUp = [] }: { named: boolean; followUp?: readonly unknown[] },
): Promise<string | undefined> => {
  const records = logged.map(fields)
  const followUpProblem = followUpShownProblem(followUp, records)
  if (followUpProblem) return followUpProblem
  for (const agreement of shown as ShownAgreement[]) {
    const title = String(agreement.title ?? agreement.id)
    const record = records.find((item) => item.kind === 'agreement' && item.id === agreement.id)
    if (!record)
      return `the public record shows the agreement “${title}”, which the signed log does not hold`
    if (agreement.textHash !== record.textHash) {
      return `the agreement “${title}” is shown with a text hash its parties did not sign`
    }
    if (named) {
      const hash = await sha256(utf8(String(agreement.text)))
      const hex = Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('')
      if (hex !== record.textHash) {
        return `the text shown for the agreement “${title}” is not the text its parties signed`
      }
    }
    // An agreement signed before signatures were entries of their own carries them inside.
    const signatures = Array.isArray(record.signatures)
      ? (record.signatures as Logged[])
      : records.filter((item) => item.kind === 'signature' && item.agreementId === agreement.id)
    if (signatureLines(agreement.signatures ?? []) !== signatureLines(signatures)) {
      return `the signatures shown for the agreement “${title}” are not the ones the signed log holds`
    }
  }
  const missing = firstUnshownAgreement(shown, logged)
  return missing
    ? `the signed agreement “${missing.title}” is in the log but the public record does not show it (record ${missing.sequence})`
    : undefined
}
