import { type FormEvent, useState } from 'react'
import type { PollView } from '../../../../shared/src/schema/poll.js'
import { presentNow, type SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { mayRespond } from '../session/session-roles.js'
import { PollAnswerForm } from './PollAnswerForm.js'
import { PollResultsView } from './PollResultsView.js'
import { usePollCommand } from './use-poll-command.js'

/** One poll: what it asks, how many of those present responded, my answer, and its results. */
export const PollCard = ({
  sessionId,
  live,
  poll,
  myId,
  canRun,
  canTakePart,
}: {
  sessionId: string
  live: SessionState
  poll: PollView
  myId: string
  canRun: boolean
  canTakePart: boolean
}) => {
  const t = useT()
  const control = usePollCommand(sessionId)
  const present = mayRespond(live.attendance.filter(presentNow)).length
  return (
    <article className="poll" data-testid="poll" aria-label={poll.title}>
      <h3 className="poll__title">{poll.title}</h3>
      <p className="poll__badges">
        <span className="badge">{t(`poll.status.${poll.status}`)}</span>{' '}
        <span className="badge">{t(`poll.kind.${poll.kind}`)}</span>{' '}
        {poll.anonymous ? <span className="badge">{t('poll.badge.anonymous')}</span> : null}{' '}
        {poll.hideResults ? <span className="badge">{t('poll.badge.hidden')}</span> : null}
      </p>
      {poll.status === 'collecting' ? (
        <>
          <p role="status">{t('poll.ideas', { count: poll.ideas })}</p>
          {canTakePart ? <IdeaForm sessionId={sessionId} pollId={poll.id} /> : null}
        </>
      ) : (
        <p role="status" data-testid="poll-responded">
          {poll.status === 'open'
            ? t('poll.responded', {
                count: poll.responded,
                present: Math.max(present, poll.responded),
              })
            : t('poll.respondedCount', { count: poll.responded })}
        </p>
      )}
      {poll.status === 'open' && canTakePart ? (
        <PollAnswerForm sessionId={sessionId} poll={poll} myId={myId} />
      ) : null}
      {poll.status !== 'collecting' ? <PollResultsView poll={poll} /> : null}
      {canRun && poll.status !== 'closed' ? (
        <div className="poll__controls">
          {poll.status === 'collecting' ? (
            <button
              type="button"
              className="button"
              disabled={control.busy}
              onClick={() => control.run({ type: 'poll.reveal', pollId: poll.id })}
            >
              {t('poll.reveal')}
            </button>
          ) : null}
          <button
            type="button"
            className="button"
            disabled={control.busy}
            onClick={() => control.run({ type: 'poll.close', pollId: poll.id })}
          >
            {t('poll.close')}
          </button>
        </div>
      ) : null}
      {control.error ? <Notice tone="error">{control.error}</Notice> : null}
    </article>
  )
}

const IdeaForm = ({ sessionId, pollId }: { sessionId: string; pollId: string }) => {
  const t = useT()
  const { run, busy, error } = usePollCommand(sessionId)
  const [text, setText] = useState('')
  const [added, setAdded] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (await run({ type: 'poll.idea', pollId, text })) {
      setText('')
      setAdded(true)
    }
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <Field label={t('poll.idea')}>
        {(props) => (
          <input
            {...props}
            required
            maxLength={200}
            value={text}
            onChange={(event) => {
              setText(event.target.value)
              setAdded(false)
            }}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {t('poll.ideaSubmit')}
      </button>
      {added ? <p role="status">{t('poll.ideaAdded')}</p> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
    </form>
  )
}
