import type { Language } from '../schema/language.js'

/** One locale per language: every date the client shows and the server writes goes through it. */
const locales: Record<Language, string> = { en: 'en-GB', id: 'id-ID' }

/**
 * A time zone for text produced on the server (minutes, signed text): the reader's zone is not
 * known there, so it says UTC; the browser leaves it out and shows the reader's own zone.
 */
export interface ZoneOption {
  timeZone?: string
}

/** An instant (ISO string) in `language`: "6 Dec 2026, 18:09" or "6 Des 2026, 18.09". */
export const formatDateTime = (iso: string, language: Language, zone: ZoneOption = {}): string =>
  new Date(iso).toLocaleString(locales[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...zone,
  })

/** The time of day of an instant (ISO string) in `language`: 18:09 or 18.09. */
export const formatTime = (iso: string, language: Language, zone: ZoneOption = {}): string =>
  new Date(iso).toLocaleTimeString(locales[language], { timeStyle: 'short', ...zone })

/** The day of an instant (ISO string) in `language`: "6 Dec 2026" or "6 Des 2026". */
export const formatDate = (iso: string, language: Language, zone: ZoneOption = {}): string =>
  new Date(iso).toLocaleDateString(locales[language], { dateStyle: 'medium', ...zone })

/** A calendar day (`YYYY-MM-DD`): read as UTC, so no time zone moves it to another day. */
export const formatDay = (day: string, language: Language): string => {
  const date = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return day
  return date.toLocaleDateString(locales[language], { dateStyle: 'medium', timeZone: 'UTC' })
}
