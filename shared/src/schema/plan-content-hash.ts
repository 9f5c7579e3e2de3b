import canonicalizeModule from 'canonicalize'
import type { ProseMirrorNode } from '../ydoc/prosemirror-json.js'

// The package is CommonJS typed as `export default`: Node and Vite hand over the function itself
// as the default import, where TypeScript's NodeNext reading expects it under `.default`.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined

/**
 * The text whose SHA-256 (over its UTF-8 bytes, in hex) is a version's `contentHash`, and the
 * `contentHash` a decision record carries: the version's ProseMirror JSON — the `content` of the
 * version export — canonicalised per RFC 8785, so anyone can recompute it from the export.
 */
export const canonicalPlanContent = (content: ProseMirrorNode): string => {
  const text = canonicalize(content)
  // Only `undefined` itself canonicalises to nothing; a plan's content is always an object.
  if (text === undefined) throw new Error('a plan has no content to hash')
  return text
}
