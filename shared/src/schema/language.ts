import { z } from 'zod'

/**
 * The language of a workspace: what its artefacts (templates, stage names, server-made version
 * names, minutes, the agreement text that is signed) are produced in. English or Bahasa Indonesia,
 * the same two the client speaks.
 */
export const Language = z.enum(['en', 'id'])
export type Language = z.infer<typeof Language>

/** Workspaces created before they had a language were English. */
export const defaultLanguage: Language = 'en'
