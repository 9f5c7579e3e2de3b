import { z } from 'zod'
import { StakeholderGroup } from '../schema/people.js'

/**
 * Suggested changes live in the plan's text as two marks (Yjs formatting on the text), so they
 * sync, merge and survive offline editing like any other edit. A suggested insertion is text
 * that stays out of the plan until accepted; a suggested deletion is text that stays in it
 * until accepted.
 */
export const SuggestionMark = {
  insert: 'suggestionInsert',
  delete: 'suggestionDelete',
} as const
export type SuggestionMark = (typeof SuggestionMark)[keyof typeof SuggestionMark]

export const suggestionMarks: readonly SuggestionMark[] = [
  SuggestionMark.insert,
  SuggestionMark.delete,
]

/**
 * Who suggested, as the suggesting device wrote it. A writer may write anything anyway, so this
 * is the writer's word; the server's own authorship (who wrote with which client id) is what the
 * who-wrote-what view relies on.
 */
export const SuggestionAttrs = z.object({
  id: z.string().max(64),
  authorId: z.string().max(64),
  authorName: z.string().max(80),
  group: StakeholderGroup,
})
export type SuggestionAttrs = z.infer<typeof SuggestionAttrs>
