import type { Language } from '../schema/language.js'
import { type ArtefactWords, artefactWordsEn } from './words-en.js'
import { artefactWordsId } from './words-id.js'

export type { ArtefactWords }

const byLanguage: Record<Language, ArtefactWords> = { en: artefactWordsEn, id: artefactWordsId }

/** The words a workspace's artefacts are produced with, in its language. */
export const artefactWords = (language: Language): ArtefactWords => byLanguage[language]

/** A stage's name in `language`: a default stage's key translated, a facilitator's own as written. */
export const stageName = (language: Language, title: string): string =>
  (byLanguage[language].stage as Record<string, string>)[title] ?? title

/** Characters a file name may not hold on common systems, replaced by a space. */
const unsafeInFileName = /[\\/:*?"<>|\p{Cc}]/gu

/**
 * The readable file name of a session's minutes: "Notulen – Lokakarya transportasi –
 * 2026-12-06.md". The day is the session's, in UTC like the times inside.
 */
export const minutesFileName = (language: Language, title: string, startedAt: string): string => {
  const safe = title.replace(unsafeInFileName, ' ').replace(/\s+/g, ' ').trim().slice(0, 80)
  return `${byLanguage[language].minutes.fileName} – ${safe} – ${startedAt.slice(0, 10)}.md`
}
