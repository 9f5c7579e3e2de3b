import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react'
import { type Dictionary, en, type MessageKey } from './en.js'
import { id } from './id.js'

export const languages = { en, id } as const
export type Language = keyof typeof languages
const storageKey = 'mufakat.language'

export const isMessageKey = (key: string): key is MessageKey => key in en

const isLanguage = (value: string | null): value is Language => value === 'en' || value === 'id'

/** The remembered choice, else the browser's preference, else English. */
const initialLanguage = (): Language => {
  const stored = window.localStorage.getItem(storageKey)
  if (isLanguage(stored)) return stored
  return window.navigator.language.toLowerCase().startsWith('id') ? 'id' : 'en'
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string

const format = (
  dictionary: Dictionary,
  key: MessageKey,
  values?: Record<string, string | number>,
) =>
  dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    values && name in values ? String(values[name]) : whole,
  )

interface I18n {
  language: Language
  setLanguage: (language: Language) => void
  t: Translate
}

const I18nContext = createContext<I18n | undefined>(undefined)

export const I18nProvider = ({ children }: { children: ReactNode }) => {
  const [language, setLanguageState] = useState<Language>(initialLanguage)
  const setLanguage = useCallback((next: Language) => {
    window.localStorage.setItem(storageKey, next)
    setLanguageState(next)
  }, [])
  const value = useMemo<I18n>(() => {
    document.documentElement.lang = language
    const dictionary = languages[language]
    return { language, setLanguage, t: (key, values) => format(dictionary, key, values) }
  }, [language, setLanguage])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export const useI18n = (): I18n => {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n outside I18nProvider')
  return value
}

export const useT = (): Translate => useI18n().t
