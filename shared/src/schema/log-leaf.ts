import * as canonicalizeModule from 'canonicalize'
import { encodeUtf8 } from 'lib0/string'
import type { ChainRecord } from './record-chain.js'

// Apart from transparency-log.ts, whose wire schemas session.ts (and so record-chain.ts) imports:
// together they made a cycle.

/**
 * canonicalize 2.x is CommonJS without `__esModule`: at run time (Node, Vite) the namespace's
 * `default` is the function itself, while its types describe an ES module one level deeper.
 */
const canonicalize = (
  canonicalizeModule as unknown as { default: (value: unknown) => string | undefined }
).default

/**
 * A record's leaf in its workspace's transparency log: the RFC 8785 JSON of the record as the
 * entries endpoint serves it — `kind`, `workspaceId`, `sequence` and `previousHash` included —
 * without its own `hash`, which the tree makes redundant.
 */
export const leafText = (record: ChainRecord): string => {
  const { hash: _hash, ...content } = record
  const text = canonicalize(content)
  // canonicalize answers undefined only for undefined, functions and symbols: never a record.
  if (text === undefined) throw new Error('a record has no canonical JSON')
  return text
}

/** The bytes whose RFC 6962 leaf hash is the record's place in the tree (UTF-8 of `leafText`). */
export const leafBytes = (record: ChainRecord): Uint8Array => encodeUtf8(leafText(record))
