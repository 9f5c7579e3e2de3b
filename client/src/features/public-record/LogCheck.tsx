import { useEffect, useState } from 'react'
import {
  approvedTextProblem,
  clauseTextProblem,
} from '../../../../shared/src/transparency-check/approved-texts.js'
import {
  auditLog,
  EntriesWithheld,
  type LogAudit,
} from '../../../../shared/src/transparency-check/log-audit.js'
import {
  firstUnshownAgreement,
  shownAgreementsProblem,
} from '../../../../shared/src/transparency-check/shown-agreements.js'
import { firstUnsignedShown } from '../../../../shared/src/transparency-check/shown-records.js'
import { formatDateTime } from '../../app/format.js'
import type { MessageKey } from '../../app/i18n/en.js'
import { useI18n } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { lastSeenCheckpoint, rememberCheckpoint } from './seen-checkpoints.js'

type Check =
  | { state: 'checking' }
  | { state: 'insecure' }
  | { state: 'done'; audit: LogAudit }
  /** The log verified, but the page shows a record that is not the signed one at its place. */
  | { state: 'unsigned'; sequence: number }
  /** The log verified, but a signed agreement it holds is missing from the page. */
  | { state: 'unshown'; sequence: number; title: string }
  /**
   * The log verified, but what the page shows of an approved text, a clause or an agreement (its
   * text, signatures, follow-up) is not what the log holds; `detail` is the checker's sentence.
   */
  | { state: 'altered'; detail: string }

const problemKeys = {
  unreadable: 'log.unreadable',
  'key-changed': 'log.keyChanged',
  'bad-signature': 'log.badSignature',
  'entries-mismatch': 'log.entriesMismatch',
  truncated: 'log.truncated',
  inconsistent: 'log.inconsistent',
} as const satisfies Record<Extract<LogAudit, { ok: false }>['problem'], MessageKey>

/** The log's endpoints, read as any outsider reads them: no token, no cookie. */
const readLog = (publicId: string) => async (path: string) => {
  const response = await fetch(`/api/public/${encodeURIComponent(publicId)}/log/${path}`, {
    credentials: 'omit',
  })
  if (response.status === 403 && path.startsWith('entries')) throw new EntriesWithheld()
  if (!response.ok) throw new Error(`the log answered ${response.status}`)
  return response.text()
}

/**
 * What the page shows beside its records, checked against the log's own entries as
 * `mufakat-verify` checks it: approved plan texts and clauses against the hashes signed records
 * hold, agreements' texts, signatures and follow-up against their entries.
 */
const alteredDetail = async (
  records: readonly unknown[],
  shown: {
    agreements: readonly unknown[]
    approvedTexts: readonly unknown[]
    followUp: readonly unknown[]
  },
  { recordsAsLogged, anonymised }: { recordsAsLogged: boolean; anonymised: boolean },
): Promise<string | undefined> =>
  (recordsAsLogged
    ? ((await approvedTextProblem(shown.approvedTexts, records)) ??
      (await clauseTextProblem(records)))
    : undefined) ??
  (await shownAgreementsProblem(shown.agreements, records, {
    named: !anonymised,
    followUp: shown.followUp,
  }))

/**
 * The signed transparency log checked in the reader's browser (the same checker as the
 * `mufakat-verify` command): signature, every entry against the signed root, and consistency
 * with the checkpoint this browser saw last time — and that every record the page shows (fetched
 * before the log was read, so already in it) is the signed one: a row slipped into the database
 * is in no checkpoint. Names replaced in an anonymised record leave only their count to compare.
 */
export const LogCheck = ({
  publicId,
  shown,
  agreements,
  approvedTexts,
  followUp,
  recordsAsLogged,
  anonymised,
}: {
  publicId: string
  /** The records the page shows: compared field by field unless names were replaced. */
  shown: readonly unknown[]
  /** The signed agreements the page shows: each one the log holds must be among them. */
  agreements: readonly unknown[]
  /** The plan texts decisions approved, as the page shows them. */
  approvedTexts: readonly unknown[]
  /** Each agreement term's follow-up status, as the page shows it. */
  followUp: readonly unknown[]
  /** The records are shown exactly as signed (named, or with people as commitments). */
  recordsAsLogged: boolean
  /** Names in the page are replaced: agreement texts are compared by hash only. */
  anonymised: boolean
}) => {
  const { t, language } = useI18n()
  const [check, setCheck] = useState<Check>({ state: 'checking' })
  useEffect(() => {
    // Web Crypto exists only in secure contexts (https, or localhost).
    if (!globalThis.crypto?.subtle) return setCheck({ state: 'insecure' })
    let current = true
    const previous = lastSeenCheckpoint(publicId)
    const checked = async (): Promise<Check> => {
      const audit = await auditLog(readLog(publicId), {
        ...(previous && { previous }),
        now: new Date(),
      })
      if (!audit.ok) return { state: 'done', audit }
      const unsigned = firstUnsignedShown(
        shown,
        (recordsAsLogged && audit.records) || audit.checkpoint,
      )
      if (unsigned !== undefined) return { state: 'unsigned', sequence: unsigned }
      if (!audit.records) return { state: 'done', audit }
      const unshown = firstUnshownAgreement(agreements, audit.records)
      if (unshown) return { state: 'unshown', ...unshown }
      const detail = await alteredDetail(
        audit.records,
        { agreements, approvedTexts, followUp },
        { recordsAsLogged, anonymised },
      )
      return detail ? { state: 'altered', detail } : { state: 'done', audit }
    }
    checked().then((result) => {
      // A failed check never replaces the checkpoint kept.
      if (result.state === 'done' && result.audit.ok) {
        rememberCheckpoint(publicId, result.audit.checkpoint)
      }
      if (current) setCheck(result)
    })
    return () => {
      current = false
    }
  }, [publicId, shown, agreements, approvedTexts, followUp, recordsAsLogged, anonymised])
  if (check.state === 'unsigned' || check.state === 'unshown' || check.state === 'altered') {
    return (
      <Notice tone="error">
        <span data-testid="log-check">
          {check.state === 'unsigned'
            ? t('log.shownUnsigned', { sequence: check.sequence })
            : check.state === 'unshown'
              ? t('log.agreementUnshown', { sequence: check.sequence, title: check.title })
              : t('log.shownAltered')}
        </span>
        {check.state === 'altered' ? (
          // The checker's own sentence, for whoever reports it: the same one mufakat-verify gives.
          <span className="small" lang="en">
            {' '}
            ({check.detail})
          </span>
        ) : null}
      </Notice>
    )
  }
  if (check.state !== 'done') {
    return (
      <p className="small" data-testid="log-check" role="status">
        {t(check.state === 'checking' ? 'log.checking' : 'log.insecure')}
      </p>
    )
  }
  const { audit } = check
  const seen = audit.previous && { date: formatDateTime(audit.previous.seenAt, language) }
  if (!audit.ok) {
    const text = t(problemKeys[audit.problem], { ...seen, before: audit.previous?.size ?? 0 })
    // A log that cannot be read proves nothing either way: said plainly, not as an alarm.
    return (
      <Notice tone={audit.problem === 'unreadable' ? 'info' : 'error'}>
        <span data-testid="log-check">{text}</span>
      </Notice>
    )
  }
  const count = audit.checkpoint.size
  const key: MessageKey = seen
    ? count === 1
      ? 'log.consistentOne'
      : 'log.consistent'
    : count === 1
      ? 'log.verifiedOne'
      : 'log.verified'
  return (
    <Notice tone="success">
      <span data-testid="log-check">
        {t(key, { count, ...seen })}
        {audit.entriesChecked ? null : ` ${t('log.entriesWithheld')}`}
      </span>
    </Notice>
  )
}
