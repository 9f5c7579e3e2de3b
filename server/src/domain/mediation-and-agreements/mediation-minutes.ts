import type { ArtefactWords } from '../../../../shared/src/artefacts/words.js'
import type { Agreement, Caucus, Party } from '../../../../shared/src/schema/mediation.js'
import { escapeMarkdown as escaped } from '../plans-and-versions/plan-content/markdown.js'

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

/** The mediation's part of the minutes, in the minutes' words; `at` formats an instant. */
export const mediationMarkdown = (
  minutes: MediationMinutes,
  words: ArtefactWords,
  at: (iso: string | null) => string,
): string[] => {
  const label = words.minutes
  return [
    `## ${label.parties}`,
    '',
    ...minutes.parties.map(
      (party) => `- ${escaped(party.name)}: ${party.representatives.map(escaped).join(', ')}`,
    ),
    '',
    `## ${label.caucuses}`,
    '',
    ...minutes.caucuses.map(
      (caucus) =>
        `- ${label.caucusWith(escaped(caucus.party), at(caucus.openedAt), at(caucus.closedAt))}`,
    ),
    '',
    `## ${label.agreements}`,
    '',
    ...minutes.agreements.flatMap((agreement) => [
      `- ${escaped(agreement.title)}: ${words.agreementStatus[agreement.status]}${
        agreement.recordSequence === null ? '' : ` (${label.record(agreement.recordSequence)})`
      }${agreement.amends ? `, ${label.amends(agreement.amends)}` : ''}, ${label.textHash} ${agreement.textHash}`,
      ...(agreement.logCheck && !agreement.logCheck.matches
        ? [`  - ${label.logWarning(agreement.logCheck.mismatches.join(', '))}`]
        : []),
      ...agreement.signatures.map(
        (signature) =>
          `  - ${label.signedFor(escaped(signature.party), escaped(signature.name), at(signature.signedAt))}`,
      ),
    ]),
  ]
}
