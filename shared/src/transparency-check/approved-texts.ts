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

/**
 * Whether each clause a signed decision names (`passage`) is the text its own hash says
 * (`textHash`, SHA-256 of its UTF-8): the record's chain hash covers both, so a server that
 * rewrote the clause and signed the result before anyone looked would pass every other check,
 * while the hash a party kept of the clause they consented to no longer names the text shown.
 * An anonymised copy leaves the hash out (the text's names are replaced): nothing to compare.
 */
export const clauseTextProblem = async (
  logged: readonly unknown[],
): Promise<string | undefined> => {
  for (const record of logged) {
    const { sequence, passage } = (record ?? {}) as Record<string, unknown>
    const { text, textHash } = (passage ?? {}) as Record<string, unknown>
    if (typeof textHash !== 'string') continue
    const hash = await sha256(utf8(String(text)))
    const hex = Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('')
    if (hex !== textHash) {
      return `the clause record ${String(sequence)} names is not the text whose hash it holds`
    }
  }
  return undefined
}
