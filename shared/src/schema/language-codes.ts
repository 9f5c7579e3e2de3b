/**
 * The languages a workspace's artefacts are produced in, as plain constants: the start page
 * offers them without loading zod (language.ts builds the schema from them).
 */
export const languageCodes = ['en', 'id'] as const
export type LanguageCode = (typeof languageCodes)[number]

export const isLanguageCode = (value: string): value is LanguageCode =>
  (languageCodes as readonly string[]).includes(value)
