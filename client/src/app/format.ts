import type { Language } from './i18n/i18n.js'

const locales: Record<Language, string> = { en: 'en-GB', id: 'id-ID' }

/** An instant (ISO string) in the reader's language. */
export const formatDateTime = (iso: string, language: Language): string =>
  new Date(iso).toLocaleString(locales[language], { dateStyle: 'medium', timeStyle: 'short' })

/** The time of day of an instant (ISO string), in the reader's language: 18:09 or 18.09. */
export const formatTime = (iso: string, language: Language): string =>
  new Date(iso).toLocaleTimeString(locales[language], { timeStyle: 'short' })

/** A calendar day (`YYYY-MM-DD`): read as UTC, so no time zone moves it to another day. */
export const formatDay = (day: string, language: Language): string => {
  const date = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return day
  return date.toLocaleDateString(locales[language], { dateStyle: 'medium', timeZone: 'UTC' })
}

/** The first characters of a hash: enough to compare by eye, the full one goes in a title. */
export const shortHash = (hash: string): string => hash.slice(0, 12)
