import type { Agreement, Caucus, Party } from '../../../shared/src/schema/mediation.js'
import { escapeMarkdown as escaped } from './plan-content/markdown.js'

/** What the minutes of a mediation add: who the parties were, when caucuses met, what was agreed. */
export interface MediationMinutes {
  parties: { name: string; representatives: string[] }[]
  /** That each caucus met, and when; never what was said in it. */
  caucuses: { party: string; openedAt: string; closedAt: string | null }[]
  agreements: {
    id: string
    title: string
    status: Agreement['status']
    amends: string | null
    signatures: { party: string; name: string; signedAt: string }[]
    recordSequence: number | null
    textHash: string
    /** Once signed: whether its stored rows match the log (what is listed is the log's). */
    logCheck: Agreement['logCheck']
  }[]
}

export const mediationMinutes = (
  parties: readonly Party[],
  caucuses: readonly Caucus[],
  agreements: readonly Agreement[],
): MediationMinutes => ({
  parties: parties.map((party) => ({
    name: party.name,
    representatives: party.members.map((member) => member.name),
  })),
  caucuses: caucuses.map((caucus) => ({
    party: caucus.partyName,
    openedAt: caucus.openedAt,
    closedAt: caucus.closedAt,
  })),
  agreements: agreements.map((agreement) => ({
    id: agreement.id,
    title: agreement.title,
    status: agreement.status,
    amends: agreement.amends,
    signatures: agreement.signatures.map((signature) => ({
      party: signature.partyName,
      name: signature.name,
      signedAt: signature.signedAt,
    })),
    recordSequence: agreement.recordSequence,
    textHash: agreement.textHash,
    logCheck: agreement.logCheck,
  })),
})

const at = (iso: string | null): string => (iso ? iso.slice(0, 16).replace('T', ' ') : '—')

export const mediationMarkdown = (minutes: MediationMinutes): string[] => [
  '## Parties',
  '',
  ...minutes.parties.map(
    (party) => `- ${escaped(party.name)}: ${party.representatives.map(escaped).join(', ')}`,
  ),
  '',
  '## Caucuses',
  '',
  ...minutes.caucuses.map(
    (caucus) => `- with ${escaped(caucus.party)}: ${at(caucus.openedAt)} to ${at(caucus.closedAt)}`,
  ),
  '',
  '## Agreements',
  '',
  ...minutes.agreements.flatMap((agreement) => [
    `- ${escaped(agreement.title)}: ${agreement.status}${
      agreement.recordSequence === null ? '' : ` (record #${agreement.recordSequence})`
    }${agreement.amends ? `, amends ${agreement.amends}` : ''}, text sha256 ${agreement.textHash}`,
    ...(agreement.logCheck && !agreement.logCheck.matches
      ? [
          `  - WARNING: its stored ${agreement.logCheck.mismatches.join(', ')} differ from the record log; shown as the log holds them`,
        ]
      : []),
    ...agreement.signatures.map(
      (signature) =>
        `  - signed for ${escaped(signature.party)} by ${escaped(signature.name)}, ${at(signature.signedAt)}`,
    ),
  ]),
]
