#!/usr/bin/env node
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  approvedTextProblem,
  clauseTextProblem,
} from '../../../shared/src/transparency-check/approved-texts.js'
import {
  auditLog,
  EntriesWithheld,
  type LogAudit,
  type SeenCheckpoint,
} from '../../../shared/src/transparency-check/log-audit.js'
import { shownAgreementsProblem } from '../../../shared/src/transparency-check/shown-agreements.js'
import {
  firstUnsignedShown,
  shownRecordsProblem,
} from '../../../shared/src/transparency-check/shown-records.js'

/**
 * `mufakat-verify <public-url> [--state <file>] [--key <verifier key>]`: an outsider's check of
 * a published record, trusting nothing the server says about itself. It imports nothing from the
 * server (only the checker in shared/), so it is bundled into one file anyone can run with
 * `node`; see docs/records.md, "How to verify and monitor".
 */

const usage =
  'usage: mufakat-verify <public-url> [--state <file>] [--key <verifier key>]\n' +
  '  <public-url>  the published record, https://…/p/<id> (or its feed, …/api/public/<id>)\n' +
  '  --state FILE  remember the key and checkpoint seen, and check the log only grew since\n' +
  '  --key VKEY    the log verifier key to trust, as published by the city (name+id+key)\n'

/** Exit codes: 1 the log failed a check (or could not be read), 2 the command was misused. */
const exitMismatch = 1
const exitUsage = 2

const stop = (code: number, sentence: string): never => {
  process.stderr.write(`${sentence}\n`)
  process.exit(code)
}

/** The log's base below the public page or feed URL someone was given. */
const logBase = (given: string): string => {
  let url: URL
  try {
    url = new URL(given)
  } catch {
    return stop(exitUsage, `${given} is not a URL.\n${usage}`)
  }
  const match = /^(.*?)\/(?:p|api\/public)\/([^/]+)/.exec(url.pathname)
  if (!match) return stop(exitUsage, `${given} is not the link of a published record.\n${usage}`)
  return `${url.origin}${match[1]}/api/public/${match[2]}/log/`
}

interface StateFile {
  /** The last checkpoint this monitor verified; its key stays pinned. */
  checkpoint: SeenCheckpoint
}

const readState = (file: string): SeenCheckpoint | undefined => {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    return stop(exitUsage, `The state file ${file} cannot be read: ${(error as Error).message}.`)
  }
  let state: Partial<StateFile> | null = null
  try {
    state = JSON.parse(text) as Partial<StateFile> | null
  } catch {
    // Reported below with every other file this command did not write.
  }
  const seen = state?.checkpoint
  if (typeof seen?.key !== 'string' || typeof seen.size !== 'number' || !seen.root) {
    return stop(exitUsage, `The state file ${file} is not one this command wrote.`)
  }
  return seen
}

/** Written beside and renamed over: a crash never leaves half a state, which would unpin the key. */
const writeState = (file: string, checkpoint: SeenCheckpoint): void => {
  const state: StateFile = { checkpoint }
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(`${file}.tmp`, file)
}

/** One GET; a 403 on the log's entries means they are withheld, any other failure throws. */
const fetchText = async (url: URL, withheldIf403 = false): Promise<string> => {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) }).catch(
    (error: Error) => {
      const cause = (error.cause as NodeJS.ErrnoException | undefined)?.code ?? error.message
      throw new Error(`${url} could not be reached (${cause})`)
    },
  )
  if (response.status === 403 && withheldIf403) throw new EntriesWithheld()
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return response.text()
}

const reader = (base: string) => (path: string) =>
  fetchText(new URL(path, base), path.startsWith('entries'))

const records = (count: number) => (count === 1 ? '1 record' : `${count} records`)

const report = (url: string, audit: Extract<LogAudit, { ok: true }>, keyGiven: boolean) => {
  const { checkpoint, previous } = audit
  const lines = [
    audit.entriesChecked
      ? `OK ${url}: ${records(checkpoint.size)}, their Merkle tree matches the checkpoint signed by ${checkpoint.origin}.`
      : `OK ${url}: the checkpoint of ${records(checkpoint.size)} is signed by ${checkpoint.origin}; the entries are withheld (published anonymised), so the records themselves were not checked.`,
    `key ${checkpoint.key}${keyGiven ? ' (given)' : previous ? ' (pinned)' : ' (taken from the server on this first look)'}`,
    ...(previous && previous.key !== checkpoint.key
      ? [`The key pinned before was ${previous.key}: the given one replaces it.`]
      : []),
    previous
      ? `Consistent with the ${records(previous.size)} seen on ${previous.seenAt}: the log only grew.`
      : 'First look: nothing to compare with yet.',
  ]
  return `${lines.join('\n')}\n`
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        state: { type: 'string' },
        key: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    return stop(exitUsage, `${(error as Error).message}\n${usage}`)
  }
})()
if (values.help) {
  process.stdout.write(usage)
  process.exit(0)
}
const [url, ...extra] = positionals
if (!url || extra.length > 0) stop(exitUsage, usage.trimEnd())
const given = url as string
const previous = values.state ? readState(values.state) : undefined
const base = logBase(given)
// Fetched first: the log only grows, so every record the feed shows must then be signed.
const feed = await fetchText(new URL(base.replace(/\/log\/$/, '')))
  .then(
    (text) =>
      JSON.parse(text) as {
        anonymised?: boolean
        recordsAsLogged?: boolean
        records?: unknown[]
        approvedTexts?: unknown[]
        agreements?: { id?: string; title?: string; logCheck?: { matches?: boolean } }[]
        followUp?: unknown[]
      },
  )
  .catch((error: Error) => stop(exitMismatch, `NOT VERIFIED ${given}: ${error.message}.`))
const audit = await auditLog(reader(base), {
  ...(values.key !== undefined && { key: values.key.trim() }),
  ...(previous && { previous }),
  now: new Date(),
})
// Records are served exactly as signed (named, or anonymised with people as commitments); only
// an anonymised copy of records from before commitments has names replaced, so only its count is
// compared with the signed size.
const unsignedCount = (shown: readonly unknown[], size: number) => {
  const first = firstUnsignedShown(shown, { size })
  return first === undefined
    ? undefined
    : `the public record shows ${shown.length} records, the signed checkpoint covers ${size}: record ${first} was never signed`
}
// The server shows an agreement as its log entries hold it, and says when the rows it keeps
// beside the log no longer match them: someone changed its database behind its back.
const rowsProblem = (
  agreements: readonly { id?: string; title?: string; logCheck?: { matches?: boolean } }[] = [],
) => {
  const edited = agreements.find((agreement) => agreement.logCheck?.matches === false)
  return edited
    ? `the server reports that its stored rows of the agreement “${edited.title ?? edited.id}” no longer match the signed log (shown as the log holds it)`
    : undefined
}
const shownProblem = !audit.ok
  ? undefined
  : ((audit.records && (feed.recordsAsLogged ?? !feed.anonymised)
      ? (shownRecordsProblem(feed.records ?? [], audit.records) ??
        (await approvedTextProblem(feed.approvedTexts ?? [], audit.records)) ??
        (await clauseTextProblem(audit.records)))
      : unsignedCount(feed.records ?? [], audit.checkpoint.size)) ??
    (audit.records &&
      (await shownAgreementsProblem(feed.agreements ?? [], audit.records, {
        named: !feed.anonymised,
        followUp: feed.followUp ?? [],
      }))) ??
    rowsProblem(feed.agreements))
if (!audit.ok) {
  stop(exitMismatch, `NOT VERIFIED ${given}: ${audit.message}.`)
} else if (shownProblem) {
  stop(exitMismatch, `NOT VERIFIED ${given}: ${shownProblem}.`)
} else {
  if (values.state) writeState(values.state, audit.checkpoint)
  process.stdout.write(report(given, audit, values.key !== undefined))
}
