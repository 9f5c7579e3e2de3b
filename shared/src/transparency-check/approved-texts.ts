import { canonicalPlanContent } from '../schema/plan-content-hash.js'
import type { ProseMirrorNode } from '../ydoc/prosemirror-json.js'
import { sha256, utf8 } from './platform.js'

/**
 * Whether the plan text a feed shows as approved by a decision is the text whose hash the signed
 * record holds (`contentHash`, SHA-256 of the content's RFC 8785 JSON): the log keeps only the
 * hash, so a version row edited in the database would otherwise be shown as what was approved.
 * `logged` are the log's own records, checked against its signed root.
 */
export const approvedTextProblem = async (
  approved: readonly unknown[],
  logged: readonly unknown[],
): Promise<string | undefined> => {
  const records = new Map(
    logged.map((record) => {
      const { id, sequence, contentHash } = (record ?? {}) as Record<string, unknown>
      return [id, { sequence, contentHash }]
    }),
  )
  for (const item of approved) {
    const { decisionId, content } = (item ?? {}) as Record<string, unknown>
    const record = records.get(decisionId)
    if (!record)
      return `an approved text is shown for ${String(decisionId)}, a record the signed log does not hold`
    if (typeof record.contentHash !== 'string') continue
    const hash = await sha256(utf8(canonicalPlanContent(content as ProseMirrorNode)))
    const hex = Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('')
    if (hex !== record.contentHash) {
      return `the approved text shown for record ${String(record.sequence)} is not the text whose hash the signed record holds`
    }
  }
  return undefined
}
