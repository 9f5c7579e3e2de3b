import { z } from 'zod'
import { BlockChange } from './version.js'

/**
 * The text a decision approved — the version of the plan frozen when its proposal was opened —
 * and how today's plan differs from it, block by block.
 */
export const ApprovedText = z.object({
  decisionId: z.string(),
  documentId: z.string(),
  versionId: z.string(),
  /** When the version was frozen. */
  frozenAt: z.string(),
  /** The version's ProseMirror JSON: its `canonicalPlanContent` hashes to the record's hash. */
  content: z.record(z.string(), z.unknown()),
  /** From the approved text to the plan as it is now (`same` blocks included, in order). */
  changesSince: z.array(BlockChange),
})
export type ApprovedText = z.infer<typeof ApprovedText>
