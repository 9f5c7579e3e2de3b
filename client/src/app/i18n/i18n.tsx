import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react'
import { type Dictionary, en, type MessageKey } from './en.js'

export const languages = ['en', 'id'] as const
export type Language = (typeof languages)[number]

/**
 * English is in the first load (the keys are its); other languages load when chosen, so the
 * start page does not carry every dictionary.
 */
const loadDictionary: Record<Language, () => Promise<Dictionary>> = {
  en: () => Promise.resolve(en),
  id: () => import('./id.js').then((module) => module.id),
}
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
  const [dictionaries, setDictionaries] = useState<Partial<Record<Language, Dictionary>>>({ en })
  // The language on screen: the chosen one once its dictionary is here, until then the one before.
  const [shown, setShown] = useState<Language | undefined>(() =>
    language === 'en' ? 'en' : undefined,
  )
  const setLanguage = useCallback((next: Language) => {
    window.localStorage.setItem(storageKey, next)
    setLanguageState(next)
  }, [])
  useEffect(() => {
    if (dictionaries[language]) {
      setShown(language)
      return
    }
    let current = true
    loadDictionary[language]().then(
      (loaded) => current && setDictionaries((known) => ({ ...known, [language]: loaded })),
      // Unreachable (offline before the chunk was ever cached): English rather than nothing.
      () => current && setLanguageState('en'),
    )
    return () => {
      current = false
    }
  }, [language, dictionaries])
  const dictionary = shown && dictionaries[shown]
  const value = useMemo<I18n | undefined>(() => {
    if (!shown || !dictionary) return undefined
    document.documentElement.lang = shown
    return { language: shown, setLanguage, t: (key, values) => format(dictionary, key, values) }
  }, [shown, dictionary, setLanguage])
  // Nothing on the very first load until the chosen language is here: a page in the wrong
  // language for a moment would be read, then change under the reader.
  if (!value) return null
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export const useI18n = (): I18n => {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n outside I18nProvider')
  return value
}

export const useT = (): Translate => useI18n().t
