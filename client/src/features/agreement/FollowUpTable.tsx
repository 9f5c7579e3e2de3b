import { useId } from 'react'
import type { Agreement, TermFollowUp } from '../../../../shared/src/schema/mediation.js'
import { formatDateTime, formatDay } from '../../app/format.js'
import { useI18n } from '../../app/i18n/i18n.js'
import { TermStatusForm } from './TermStatusForm.js'

/** The status word of a term and, when it is late, the word "overdue" (never colour alone). */
export const TermState = ({ followUp }: { followUp: TermFollowUp | undefined }) => {
  const { t } = useI18n()
  const status = followUp?.status ?? 'open'
  return (
    <span className="term-state">
      <span className={`tag term-tag term-tag--${status}`}>{t(`agreement.term.${status}`)}</span>
      {followUp?.overdue ? (
        <>
          {' '}
          <span className="tag tag--warning" data-testid="overdue">
            {t('agreement.overdue')}
          </span>
        </>
      ) : null}
    </span>
  )
}

/**
 * Where each term of a signed agreement stands, with its history; the term's owner and the
 * mediator update it.
 */
export const FollowUpTable = ({
  agreement,
  myId,
  mediatorId,
  onChanged,
}: {
  agreement: Agreement
  myId: string
  mediatorId: string
  onChanged: (agreement: Agreement) => void
}) => {
  const { t, language } = useI18n()
  const headingId = useId()
  const mayUpdate = (ownerId: string) => myId === mediatorId || myId === ownerId
  const anyUpdate = agreement.terms.some((term) => mayUpdate(term.ownerId))
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('agreement.followUp')}</h2>
      <p className="muted small">{t('agreement.followUpHint')}</p>
      {/* On phones each row is a card, its cells labelled by data-label (agreement.css). */}
      <div className="table-scroll">
        <table className="follow-up" data-testid="follow-up">
          <thead>
            <tr>
              <th scope="col">{t('agreement.termColumn')}</th>
              <th scope="col">{t('agreement.ownerColumn')}</th>
              <th scope="col">{t('agreement.dueColumn')}</th>
              <th scope="col">{t('agreement.statusColumn')}</th>
              <th scope="col">{t('agreement.historyColumn')}</th>
              {anyUpdate ? <th scope="col">{t('agreement.updateColumn')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {agreement.terms.map((term, index) => {
              const followUp = agreement.followUp.find((entry) => entry.termId === term.id)
              return (
                <tr key={term.id} data-testid="follow-up-row">
                  <th scope="row" className="follow-up__term">
                    {index + 1}. {term.text}
                  </th>
                  <td data-label={t('agreement.ownerColumn')}>{term.ownerName}</td>
                  <td data-label={t('agreement.dueColumn')}>
                    <time dateTime={term.dueDate}>{formatDay(term.dueDate, language)}</time>
                  </td>
                  <td data-testid="term-status" data-label={t('agreement.statusColumn')}>
                    <TermState followUp={followUp} />
                  </td>
                  <td data-label={t('agreement.historyColumn')}>
                    {followUp && followUp.history.length > 0 ? (
                      <ul className="term-history">
                        {followUp.history.map((entry) => (
                          <li key={`${entry.at}-${entry.participantId}-${entry.status}`}>
                            <strong>{t(`agreement.term.${entry.status}`)}</strong>
                            {' · '}
                            {entry.name}
                            {' · '}
                            <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
                            {entry.note ? <q className="term-history__note">{entry.note}</q> : null}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">{t('agreement.noHistory')}</span>
                    )}
                  </td>
                  {anyUpdate ? (
                    <td data-label={t('agreement.updateColumn')}>
                      {mayUpdate(term.ownerId) ? (
                        <TermStatusForm
                          agreementId={agreement.id}
                          termId={term.id}
                          number={index + 1}
                          current={followUp?.status ?? 'open'}
                          onChanged={onChanged}
                        />
                      ) : (
                        <span className="muted">{t('agreement.ownerOnly')}</span>
                      )}
                    </td>
                  ) : null}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
