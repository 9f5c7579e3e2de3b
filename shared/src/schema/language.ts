import { z } from 'zod'
import { languageCodes } from './language-codes.js'

/**
 * The language of a workspace: what its artefacts (templates, stage names, server-made version
 * names, minutes, the agreement text that is signed) are produced in. English or Bahasa Indonesia,
 * the same two the client speaks.
 */
export const Language = z.enum(languageCodes)
export type Language = z.infer<typeof Language>

/** Workspaces created before they had a language were English. */
export const defaultLanguage: Language = 'en'
