import { z } from 'zod'
import {
  AgreementContentRecord,
  SignatureRecord,
  TermStatusRecord,
} from '../transparency/agreement-records.js'
import { AgreementRecord } from './mediation.js'
import { DecisionRecord } from './session.js'

/**
 * The workspace's tamper-evident record: decisions, signed agreements, their signatures and the
 * follow-up of their terms in one log, each record carrying the hash of the one before. An
 * agreement is logged in one of two forms: with names and its rendered text (`AgreementRecord`,
 * written before people became commitments) or with commitments (`AgreementContentRecord`).
 */
export const ChainRecord = z.union([
  DecisionRecord,
  AgreementContentRecord,
  AgreementRecord,
  SignatureRecord,
  TermStatusRecord,
])
export type ChainRecord = z.infer<typeof ChainRecord>
export type ChainRecordKind = ChainRecord['kind']

/** The name shown for each person commitment of the log; kept outside the hashed records. */
export const RecordPeople = z.record(z.string(), z.string())
export type RecordPeople = z.infer<typeof RecordPeople>

/** The hash before the first record of a workspace. */
export const genesisHash = '0'.repeat(64)

/**
 * JSON with object keys sorted at every depth: one text for one content, whoever writes it.
 * A record's hash is the SHA-256 (hex) of this text for the record without its `hash`.
 */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * What a record's hash covers, the first being how records are hashed now: the record without its
 * `hash` — and, for a decision, without its `kind`, which the first chains (decisions only) did
 * not store. Decisions written while `kind` was hashed too match the second form; every other
 * field is covered either way, and `kind` is implied by the fields a decision has.
 */
export const hashedContents = (record: ChainRecord): Record<string, unknown>[] => {
  const { hash: _hash, ...content } = record
  if (content.kind !== 'decision') return [content]
  const { kind: _kind, ...decision } = content
  return [decision, content]
}

/** One record as a verifier sees it: its links, its stored hash, and the hash recomputed. */
export interface ChainLink {
  id: string
  sequence: number
  /** Checked when the caller names the workspace whose chain this is. */
  workspaceId?: unknown
  previousHash: unknown
  hash: string
  /** The hashes of `hashedContents`: the record matches when its hash is one of them. */
  recomputedHashes: readonly string[]
}

/** The hash chain's own verdict, before the log's checkpoint is consulted. */
export type ChainCheck =
  | { ok: true; count: number; head: string }
  | {
      ok: false
      count: number
      firstInvalid: { id?: string; sequence: number; problem: string }
    }

/**
 * Checks a workspace's chain, in order: numbered 1, 2, 3…, each following the one before, each
 * matching its hash, and — given `workspaceId` — each naming that workspace (rows moved from
 * another workspace show); names the first record that does not. The caller hashes (the server
 * with Node's crypto, a browser with Web Crypto), so the rule is the same everywhere.
 */
export const checkChain = (links: readonly ChainLink[], workspaceId?: string): ChainCheck => {
  let previous = genesisHash
  for (const [index, link] of links.entries()) {
    const problem =
      link.sequence !== index + 1
        ? `sequence ${link.sequence} where ${index + 1} was expected`
        : workspaceId !== undefined && link.workspaceId !== workspaceId
          ? 'it belongs to another workspace'
          : link.previousHash !== previous
            ? 'it does not follow the record before it'
            : !link.recomputedHashes.includes(link.hash)
              ? 'its content does not match its hash'
              : undefined
    if (problem) {
      return {
        ok: false,
        count: links.length,
        firstInvalid: { id: link.id, sequence: link.sequence, problem },
      }
    }
    previous = link.hash
  }
  return { ok: true, count: links.length, head: previous }
}
