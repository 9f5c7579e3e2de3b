import { canonicalPlanContent } from '../../../../../shared/src/schema/plan-content-hash.js'
import type { ProseMirrorNode } from '../../../../../shared/src/ydoc/prosemirror-json.js'
import { sha256 } from '../../records-and-publication/record-chain.js'

/** SHA-256 (hex) of a plan's RFC 8785 JSON: a version's `contentHash`, and a decision's. */
export const planContentHash = (content: ProseMirrorNode): string =>
  sha256(canonicalPlanContent(content))
