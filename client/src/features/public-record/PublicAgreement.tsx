import type { TermFollowUp } from '../../../../shared/src/schema/mediation.js'
import type { PublishedAgreement } from '../../../../shared/src/schema/publication.js'
import { formatDateTime, formatDay } from '../../app/format.js'
import { useI18n } from '../../app/i18n/i18n.js'
import { TermState } from '../agreement/FollowUpTable.js'
import { LogMismatchNotice } from '../agreement/LogMismatchNotice.js'
import { SignedText } from '../agreement/SignedText.js'
import { RecordHash } from './RecordHash.js'

/**
 * A signed agreement as published, rendered from its log entries: parties, terms with their
 * follow-up, signatures, and a warning when the stored rows no longer match them.
 */
export const PublicAgreement = ({
  record,
  followUp,
  amended,
}: {
  record: PublishedAgreement
  followUp: readonly TermFollowUp[]
  /** The record this agreement amends, when it is in the feed. */
  amended: { sequence: number; title: string } | undefined
}) => {
  const { t, language } = useI18n()
  return (
    <li className="record record--agreement" data-testid="public-record">
      <article aria-labelledby={`record-${record.id}`}>
        <p className="record__kind small muted">
          <span className="tag">{t('public.agreement')}</span>
          <span>{t('public.sequence', { sequence: record.sequence })}</span>
        </p>
        <h3 id={`record-${record.id}`}>{record.title}</h3>
        <LogMismatchNotice logCheck={record.logCheck} />
        {record.amends ? (
          <p className="small">
            {amended
              ? t('public.amendsRecord', { sequence: amended.sequence, title: amended.title })
              : t('public.amendsOther')}
          </p>
        ) : null}
        <p>
          <strong>{t('public.parties')}</strong>{' '}
          {record.parties.map((party) => party.name).join('; ')}
        </p>
        <h4>{t('public.terms')}</h4>
        <ol>
          {record.terms.map((term) => (
            <li key={term.id} data-testid="public-term">
              <p>{term.text}</p>
              <p className="small">
                {t('public.termMeta', {
                  owner: term.ownerName,
                  due: formatDay(term.dueDate, language),
                })}{' '}
                <TermState followUp={followUp.find((entry) => entry.termId === term.id)} />
              </p>
            </li>
          ))}
        </ol>
        <h4>{t('public.signatures')}</h4>
        <ul>
          {record.signatures.map((signature) => (
            <li key={signature.partyId}>
              {t('public.signature', {
                party: signature.partyName,
                name: signature.name,
                date: formatDateTime(signature.signedAt, language),
              })}
            </li>
          ))}
        </ul>
        <details className="small">
          <summary>{t('public.signedText')}</summary>
          <SignedText text={record.text} />
        </details>
        <RecordHash hash={record.hash} previousHash={record.previousHash} />
      </article>
    </li>
  )
}
