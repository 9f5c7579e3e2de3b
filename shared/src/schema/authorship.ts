import { z } from 'zod'
import { StakeholderGroup } from './people.js'

/**
 * Someone who wrote part of a plan: a participant (null once their record is erased or never
 * known), named as of now, with the stakeholder group they had when they wrote. `groupNow` says
 * the group is their group today, because it was written before groups were kept with writers.
 */
export const PassageAuthor = z.object({
  participantId: z.string().nullable(),
  displayName: z.string().optional(),
  group: z.union([StakeholderGroup, z.literal('unknown')]),
  groupNow: z.boolean().optional(),
})
export type PassageAuthor = z.infer<typeof PassageAuthor>

/** A stretch of a clause's text, in order, and who wrote it (an index into `authors`, -1: nobody known). */
export const AuthoredRun = z.object({ length: z.number().int(), author: z.number().int() })
export type AuthoredRun = z.infer<typeof AuthoredRun>

/** Characters by stakeholder group. */
export const CharactersByGroup = z.record(z.string(), z.number().int())
export type CharactersByGroup = z.infer<typeof CharactersByGroup>

/** One clause (a top-level block of the plan): its text's runs by author, and the sum by group. */
export const ClauseAuthorship = z.object({
  type: z.string(),
  text: z.string(),
  runs: z.array(AuthoredRun),
  byGroup: CharactersByGroup,
})
export type ClauseAuthorship = z.infer<typeof ClauseAuthorship>

/** Who wrote what in a version (or the live text), clause by clause. */
export const PlanAuthorship = z.object({
  version: z.string(),
  authors: z.array(PassageAuthor),
  clauses: z.array(ClauseAuthorship),
  byGroup: CharactersByGroup,
})
export type PlanAuthorship = z.infer<typeof PlanAuthorship>

export const AuthorshipQuery = z.object({ version: z.string().min(1).max(64).default('live') })
