import { artefactWords } from '../artefacts/words.js'
import type { Language } from './language.js'
import { asOneLine } from './text-line.js'

/**
 * The structural words a preamble line may not begin with, so it cannot pass for a heading, a
 * numbered term, or a parties, owner, due, amends or language line. Texts without a language keep
 * the English-only list they were signed with: their hash must stay what it was.
 */
const structure = (language: Language | undefined): RegExp => {
  if (!language) return /^(\s*)(?=#|\d+[.)]|Parties:|Owner:|Due:|Amends\b)/i
  const words = [
    'Parties:',
    'Owner:',
    'Due:',
    'Amends\\b',
    'Language:',
    'Para pihak:',
    'Penanggung jawab:',
    'Tenggat:',
    'Mengubah\\b',
    'Bahasa:',
  ]
  return new RegExp(`^(\\s*)(?=#|\\d+[.)]|${words.join('|')})`, 'i')
}

/** Party names are listed with `; ` between them, so a name's own `;` is escaped. */
const partyName = (name: string): string => asOneLine(name).replace(/[\\;]/g, '\\$&')

/**
 * The text every signer sees and whose hash they sign: one rendering, on both sides. Each
 * structural line is written only by the rendering: one-line fields are put on one line, and
 * nothing in the preamble or a name can look like a term, its owner and due date, the parties or
 * the language, whatever was stored. With a language, the frame is in it and a line under the
 * title says which it is, so the hash covers the language; without one (agreements from before),
 * it is the English frame as it was signed then. Due dates stay `YYYY-MM-DD` in every language:
 * a locale's date format differs between runtimes, and the hash must not.
 */
export const agreementText = (agreement: {
  title: string
  preamble: string
  amends: string | null
  parties: readonly { name: string }[]
  terms: readonly { text: string; ownerName: string; dueDate: string }[]
  language?: Language | undefined
}): string => {
  const words = artefactWords(agreement.language ?? 'en').agreement
  const escapeStructure = structure(agreement.language)
  return [
    `# ${asOneLine(agreement.title)}`,
    ...(agreement.language ? [words.language] : []),
    ...(agreement.amends ? [words.amends(asOneLine(agreement.amends))] : []),
    `${words.parties}: ${agreement.parties.map((party) => partyName(party.name)).join('; ')}`,
    ...(agreement.preamble
      ? [
          agreement.preamble
            .split(/\r\n?|\n/)
            .map((line) => line.replace(escapeStructure, '$1\\'))
            .map(asOneLine)
            .join('\n'),
        ]
      : []),
    ...agreement.terms.map(
      (term, index) =>
        `${index + 1}. ${asOneLine(term.text)}\n   ${words.owner}: ${asOneLine(term.ownerName)}. ${words.due}: ${asOneLine(term.dueDate)}.`,
    ),
  ].join('\n\n')
}
