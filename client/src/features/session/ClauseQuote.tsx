import type { ClausePassage } from '../../../../shared/src/schema/clause.js'
import { useT } from '../../app/i18n/i18n.js'

/**
 * The clause a proposal or decision is about, exactly as put to consent, with the start of its
 * text hash (the whole hash is in the record) so a reader can match it with the log.
 */
export const ClauseQuote = ({
  heading,
  passage,
  testId,
}: {
  heading: string
  passage: ClausePassage
  testId: string
}) => {
  const t = useT()
  return (
    <figure className="clause-on-session" data-testid={testId}>
      <figcaption className="clause-on-session__heading">{heading}</figcaption>
      <blockquote className="clause-quote">{passage.text}</blockquote>
      {/* An anonymised feed leaves the hash out: it could be tested against guessed names. */}
      {passage.textHash ? (
        <p className="small muted" title={passage.textHash}>
          {t('clause.hash', { hash: passage.textHash.slice(0, 16) })}
        </p>
      ) : null}
    </figure>
  )
}
