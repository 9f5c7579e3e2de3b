import type { ApprovedText } from '../../../../shared/src/schema/approved-text.js'
import { type DecisionRecord, Position } from '../../../../shared/src/schema/session.js'
import { formatDateTime } from '../../app/format.js'
import { isMessageKey, type Translate, useI18n } from '../../app/i18n/i18n.js'
import { ApprovedTextView } from '../approved-text/ApprovedTextView.js'
import { ClauseQuote } from '../session/ClauseQuote.js'
import { RecordHash } from './RecordHash.js'

const label = (t: Translate, key: string, fallback: string) =>
  isMessageKey(key) ? t(key) : fallback

/** The positions of one group in words: "Agree 3, Object 1". */
const countsInWords = (t: Translate, counts: Record<string, number>) => {
  const known: string[] = Position.options
  const order = [...known, ...Object.keys(counts).filter((value) => !known.includes(value))]
  return order
    .filter((value) => (counts[value] ?? 0) > 0)
    .map((value) => `${label(t, `session.position.${value}`, value)} ${counts[value]}`)
    .join(', ')
}

/**
 * A decision as published: its text, the plan text it approved, outcome, positions by group and
 * who was present.
 */
export const PublicDecision = ({
  record,
  approved,
  anonymised,
  people,
}: {
  record: DecisionRecord
  approved: ApprovedText | undefined
  anonymised: boolean
  /** The name shown for each person commitment (a pseudonym when anonymised). */
  people: Readonly<Record<string, string>>
}) => {
  const { t, language } = useI18n()
  const groups = Object.entries(record.positionsByGroup)
  return (
    <li className="record record--decision" data-testid="public-record">
      <article aria-labelledby={`record-${record.id}`}>
        <p className="record__kind small muted">
          <span className="tag">{t('public.decision')}</span>
          <span>{t('public.sequence', { sequence: record.sequence })}</span>
        </p>
        <h3 id={`record-${record.id}`}>{record.title}</h3>
        <p className="small">
          <strong>{label(t, `session.outcome.${record.outcome}`, record.outcome)}</strong>
          {' · '}
          <time dateTime={record.recordedAt}>{formatDateTime(record.recordedAt, language)}</time>
        </p>
        <p className="decision__text">{record.text}</p>
        {record.passage ? (
          <ClauseQuote
            heading={t('clause.decided')}
            passage={record.passage}
            testId="decision-clause"
          />
        ) : null}
        {approved ? (
          <ApprovedTextView
            approved={approved}
            contentHash={record.contentHash}
            anonymised={anonymised}
          />
        ) : null}
        {groups.length > 0 ? (
          <>
            <h4>{t('public.positions')}</h4>
            <ul>
              {groups.map(([group, counts]) => (
                <li key={group}>
                  {label(t, `group.${group}`, group)}: {countsInWords(t, counts)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h4>{t('public.present', { count: record.present.length })}</h4>
        <p>
          {record.present.length > 0
            ? record.present
                .map((person) => {
                  const name =
                    'name' in person ? person.name : (people[person.person] ?? t('public.erased'))
                  return `${name} (${label(t, `group.${person.group}`, person.group)})`
                })
                .join(', ')
            : t('public.nobody')}
        </p>
        <RecordHash hash={record.hash} previousHash={record.previousHash} />
      </article>
    </li>
  )
}
