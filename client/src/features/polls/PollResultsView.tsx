import type { PollView } from '../../../../shared/src/schema/poll.js'
import { useT } from '../../app/i18n/i18n.js'

/** A poll's counts when they may be shown; otherwise why they are not (hidden, anonymous, too few). */
export const PollResultsView = ({ poll }: { poll: PollView }) => {
  const t = useT()
  const { results } = poll
  if (!results) {
    const why =
      poll.status !== 'closed'
        ? poll.anonymous
          ? t('poll.anonymousUntilClose')
          : t('poll.hiddenUntilClose')
        : t('poll.tooFew', { threshold: poll.threshold })
    return (
      <p className="muted" data-testid="poll-results-withheld">
        {why}
      </p>
    )
  }
  const highest = Math.max(1, ...results.totals)
  return (
    <div className="poll-results" data-testid="poll-results">
      <h4>{t('poll.results')}</h4>
      <ul className="poll-results__totals">
        {poll.options.map((option, index) => {
          const total = results.totals[index] ?? 0
          return (
            <li key={option}>
              <span className="poll-results__option">{option}</span>{' '}
              <span className="poll-results__count">
                {t(`poll.total.${poll.kind}`, { count: total })}
              </span>
              <meter
                className="poll-results__bar"
                aria-hidden="true"
                min={0}
                max={highest}
                value={total}
              />
            </li>
          )
        })}
      </ul>
      {results.byGroup.length > 0 ? (
        <details>
          <summary>{t('poll.byGroup')}</summary>
          <ul>
            {results.byGroup.map((group) => (
              <li key={group.group}>
                {t(`group.${group.group}`)} ({t('poll.groupPeople', { count: group.people })}):{' '}
                {poll.options
                  .map((option, index) => `${option} ${group.totals[index] ?? 0}`)
                  .join(', ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {results.withheld > 0 ? (
        <p className="muted">{t('poll.withheld', { count: results.withheld })}</p>
      ) : null}
      {results.answers && results.answers.length > 0 ? (
        <p className="muted">
          {t('poll.whoAnswered')}: {results.answers.map((answer) => answer.name).join(', ')}
        </p>
      ) : null}
    </div>
  )
}
