import { fromBase64, toBase64 } from './base64.js'
import { type Checkpoint, parseCheckpoint } from './checkpoint.js'
import { leafHash, rootFromLeafHashes, verifyConsistency } from './merkle.js'
import { fromUtf8 } from './platform.js'
import { openNote, parseVerifierKey, type VerifierKey } from './signed-note.js'

/**
 * One outside look at a published log, the same in the `mufakat-verify` command and in a
 * reader's browser: the checkpoint signed by the pinned key, every entry fetched and the tree
 * recomputed to the signed root, and — when this reader looked before — a consistency proof from
 * the checkpoint seen then. Only the answers of the log endpoints are trusted to be *answers*;
 * nothing the server says about itself is taken as true.
 */

/** Why a look failed, as a word the command and the page each put in their own sentences. */
export const logProblems = [
  /** The log could not be fetched, or answered something that is not the expected format. */
  'unreadable',
  /** The server now publishes another key than the one pinned. */
  'key-changed',
  /** The checkpoint carries no valid signature by the pinned key, or its name is not the log's. */
  'bad-signature',
  /** The entries served do not hash to the signed root, or do not belong to this log. */
  'entries-mismatch',
  /** The log now holds fewer records than this reader saw before. */
  'truncated',
  /** The log is no longer an extension of what this reader saw before: history was rewritten. */
  'inconsistent',
] as const
export type LogProblem = (typeof logProblems)[number]

/** What a reader keeps of a look, to pin the key and prove consistency next time. */
export interface SeenCheckpoint {
  /** The verifier key the checkpoint was checked against. */
  key: string
  /** The signed note, as served: anyone can check it again. */
  note: string
  origin: string
  size: number
  /** Base64 of the root hash. */
  root: string
  /** When this reader checked it (ISO 8601). */
  seenAt: string
}

export type LogAudit =
  | {
      ok: true
      checkpoint: SeenCheckpoint
      previous?: SeenCheckpoint
      /** False when the log withholds its entries (an anonymised record): only the signature
       * and the consistency with what was seen before were checked. */
      entriesChecked: boolean
      /** The records of the log, parsed, when its entries were checked. */
      records?: unknown[]
    }
  | { ok: false; problem: LogProblem; message: string; previous?: SeenCheckpoint }

/**
 * Fetches one path below the log's base (`checkpoint`, `key`, `entries?start=0&end=9`…). A log
 * that publishes its checkpoints but not its entries (a record published anonymised, whose
 * entries name people) answers entries with 403: the reader throws `EntriesWithheld` then.
 */
export type LogReader = (path: string) => Promise<string>

export class EntriesWithheld extends Error {}

export interface AuditOptions {
  /**
   * A verifier key given by the reader, trusted even over the one seen before (a rotation the
   * reader learnt of elsewhere); without one, the one seen before, else the server's.
   */
  key?: string
  previous?: SeenCheckpoint
  now: Date
}

class AuditFailure extends Error {
  constructor(
    readonly problem: LogProblem,
    message: string,
  ) {
    super(message)
  }
}

const fail = (problem: LogProblem, message: string): never => {
  throw new AuditFailure(problem, message)
}

/** Runs `step`, turning any error it throws into the given problem with its message. */
const as = async <T>(problem: LogProblem, step: () => Promise<T> | T): Promise<T> => {
  try {
    return await step()
  } catch (error) {
    if (error instanceof AuditFailure) throw error
    return fail(problem, error instanceof Error ? error.message : String(error))
  }
}

const readJson = async (read: LogReader, path: string): Promise<unknown> => {
  const text = await read(path).catch((error: unknown) => {
    // Withheld entries are an answer, not a failure to read: the caller decides.
    if (error instanceof EntriesWithheld) throw error
    return fail('unreadable', error instanceof Error ? error.message : String(error))
  })
  return as('unreadable', () => JSON.parse(text) as unknown)
}

const hashList = (value: unknown, field: string): Uint8Array[] => {
  const list = (value as Record<string, unknown> | null)?.[field]
  if (!Array.isArray(list)) return fail('unreadable', `the answer has no "${field}" list`)
  return list.map((item) => {
    const bytes = typeof item === 'string' ? fromBase64(item) : undefined
    return bytes ?? fail('unreadable', `an item of "${field}" is not base64`)
  })
}

/** Every entry of the log, page after page, exactly `size` of them. */
const fetchEntries = async (read: LogReader, size: number): Promise<Uint8Array[]> => {
  const entries: Uint8Array[] = []
  while (entries.length < size) {
    // The checkpoint and key were just read: a log that then fails to serve what it signed is
    // a log that no longer holds it (a server refuses a range past the records it has).
    const answer = await readJson(read, `entries?start=${entries.length}&end=${size}`).catch(
      (error: unknown) => {
        if (!(error instanceof AuditFailure)) throw error
        return fail(
          'entries-mismatch',
          `the log does not serve the ${size} records its checkpoint signs (${error.message})`,
        )
      },
    )
    const page = hashList(answer, 'entries')
    if (page.length === 0)
      fail('entries-mismatch', `the log served ${entries.length} of ${size} entries`)
    entries.push(...page)
  }
  if (entries.length !== size) fail('entries-mismatch', `the log served more than ${size} entries`)
  return entries
}

/** The workspace a Mufakat origin names (`<host>/mufakat/<workspaceId>`), if it is one. */
const workspaceOf = (origin: string): string | undefined => /\/mufakat\/([^/]+)$/.exec(origin)?.[1]

interface RecordPlace {
  sequence?: unknown
  workspaceId?: unknown
}

/**
 * The entries hash to the signed root, and each is a record of this log at its place: numbered
 * index + 1 and, for a Mufakat origin, of the workspace the origin names — so rows moved over
 * from another workspace's log, which hash fine on their own, are named for what they are.
 */
const checkEntries = async (entries: readonly Uint8Array[], checkpoint: Checkpoint) => {
  const workspaceId = workspaceOf(checkpoint.origin)
  for (const [index, entry] of entries.entries()) {
    const record = await as(
      'entries-mismatch',
      () => JSON.parse(fromUtf8(entry)) as RecordPlace | null,
    )
    if (record?.sequence !== index + 1) {
      fail('entries-mismatch', `entry ${index} of the log is not record number ${index + 1}`)
    }
    if (workspaceId !== undefined && record?.workspaceId !== workspaceId) {
      fail(
        'entries-mismatch',
        `record ${index + 1} belongs to workspace ${String(record?.workspaceId)}, not to this log's ${workspaceId}`,
      )
    }
  }
  const root = await rootFromLeafHashes(await Promise.all(entries.map(leafHash)))
  if (toBase64(root) !== toBase64(checkpoint.rootHash)) {
    fail('entries-mismatch', `the ${entries.length} records served do not hash to the signed root`)
  }
}

/** The log as it is now extends the log this reader saw before, proven by the log's own proof. */
const checkExtends = async (read: LogReader, previous: SeenCheckpoint, now: Checkpoint) => {
  const before = `the ${previous.size} records seen on ${previous.seenAt}`
  if (previous.origin !== now.origin) {
    fail('inconsistent', `the log is now ${now.origin}, not ${previous.origin} as before`)
  }
  if (now.size < previous.size) {
    fail('truncated', `the log now holds ${now.size} records, fewer than ${before}`)
  }
  // Every log extends the empty one; a proof from size 0 means nothing (RFC 9162 §2.1.4).
  if (previous.size === 0) return
  const proof =
    now.size === previous.size
      ? []
      : hashList(
          await readJson(read, `proof/consistency?from=${previous.size}&to=${now.size}`),
          'hashes',
        )
  const root1 = fromBase64(previous.root) ?? new Uint8Array()
  if (!(await verifyConsistency(previous.size, now.size, root1, now.rootHash, proof))) {
    fail(
      'inconsistent',
      `the log of ${now.size} records does not extend ${before}: its history was rewritten`,
    )
  }
}

export const auditLog = async (read: LogReader, options: AuditOptions): Promise<LogAudit> => {
  const { previous } = options
  try {
    return { ok: true, ...(await look(read, options)), ...(previous && { previous }) }
  } catch (error) {
    if (!(error instanceof AuditFailure)) throw error
    return {
      ok: false,
      problem: error.problem,
      message: error.message,
      ...(previous && { previous }),
    }
  }
}

const look = async (
  read: LogReader,
  { key, previous, now }: AuditOptions,
): Promise<{ checkpoint: SeenCheckpoint; entriesChecked: boolean; records?: unknown[] }> => {
  // A key the reader gives is the one trusted — also in place of the one seen before, which is
  // how a monitor follows an announced rotation (the log must still extend what it saw); else
  // the one seen first; else, on a first look, the server's own (which proves only that later
  // looks see the same log).
  let pinned = key
  if (pinned === undefined) {
    const served = (await as('unreadable', () => read('key'))).trim()
    if (previous && previous.key !== served) {
      fail(
        'key-changed',
        `the server now publishes the key ${served}, not ${previous.key} as before`,
      )
    }
    pinned = served
  }
  const verifier: VerifierKey = await as('unreadable', () => parseVerifierKey(pinned))
  const note = await as('unreadable', () => read('checkpoint'))
  const text = await as('bad-signature', () => openNote(note, verifier))
  const checkpoint: Checkpoint = await as('unreadable', () => parseCheckpoint(text))
  if (checkpoint.origin !== verifier.name) {
    fail(
      'bad-signature',
      `the checkpoint is of the log ${checkpoint.origin}, the key of ${verifier.name}`,
    )
  }
  const entries = await fetchEntries(read, checkpoint.size).catch((error: unknown) => {
    if (error instanceof EntriesWithheld) return undefined
    throw error
  })
  if (entries) await checkEntries(entries, checkpoint)
  if (previous) await checkExtends(read, previous, checkpoint)
  return {
    checkpoint: {
      key: verifier.text,
      note,
      origin: checkpoint.origin,
      size: checkpoint.size,
      root: toBase64(checkpoint.rootHash),
      seenAt: now.toISOString(),
    },
    entriesChecked: entries !== undefined,
    ...(entries && { records: entries.map((entry) => JSON.parse(fromUtf8(entry)) as unknown) }),
  }
}
