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
  /**
   * The server's check that the stored version still hashes to the record's `contentHash`
   * (false: the version row was altered); null for records written before they carried one.
   */
  matchesRecord: z.boolean().nullable(),
  /**
   * The blocks that differ from the approved text to the plan as it is now (read at most 10 s
   * before), in order; empty when today's plan reads exactly as approved.
   */
  changesSince: z.array(BlockChange),
})
export type ApprovedText = z.infer<typeof ApprovedText>
