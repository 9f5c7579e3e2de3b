import { type FormEvent, useState } from 'react'
import type { PollAnswer, PollView } from '../../../../shared/src/schema/poll.js'
import { pollReceipt } from '../../api/polls.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { usePollCommand } from './use-poll-command.js'

/**
 * My answer to an open poll, in the shape its kind takes. An anonymous answer is changed with
 * the receipt this device kept when it answered.
 */
export const PollAnswerForm = ({
  sessionId,
  poll,
  myId,
}: {
  sessionId: string
  poll: PollView
  myId: string
}) => {
  const t = useT()
  const { run, busy, error } = usePollCommand(sessionId, myId)
  const count = poll.options.length
  const [choice, setChoice] = useState<number>()
  const [scores, setScores] = useState<number[]>(() => new Array<number>(count).fill(poll.scoreMax))
  const [ranking, setRanking] = useState<number[]>(() => poll.options.map((_, index) => index))
  const [dots, setDots] = useState<number[]>(() => new Array<number>(count).fill(0))
  const [answered, setAnswered] = useState(() => pollReceipt.read(myId, poll.id) !== undefined)
  const spent = dots.reduce((sum, value) => sum + value, 0)
  const answer = (): PollAnswer | undefined => {
    switch (poll.kind) {
      case 'single':
        return choice === undefined ? undefined : { choice }
      case 'score':
        return { scores }
      case 'ranked':
        return { ranking }
      case 'dots':
        return { dots }
      default: {
        const unhandled: never = poll.kind
        throw new Error(`unhandled poll kind ${String(unhandled)}`)
      }
    }
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const given = answer()
    if (!given) return
    const receipt = poll.anonymous ? pollReceipt.read(myId, poll.id) : undefined
    const sent = await run({
      type: 'poll.answer',
      pollId: poll.id,
      answer: given,
      ...(receipt ? { receipt } : {}),
    })
    if (sent) setAnswered(true)
  }
  const move = (from: number, to: number) =>
    setRanking((order) => {
      const next = [...order]
      const [item] = next.splice(from, 1)
      if (item !== undefined) next.splice(to, 0, item)
      return next
    })
  const setAt = (values: number[], index: number, value: number) =>
    values.map((old, i) => (i === index ? value : old))
  return (
    <form className="poll-answer" onSubmit={submit} data-testid="poll-answer">
      <fieldset>
        <legend>{t('poll.answer')}</legend>
        {poll.kind === 'single'
          ? poll.options.map((option, index) => (
              <label key={option} className="poll-answer__row">
                <input
                  type="radio"
                  name={`poll-${poll.id}`}
                  checked={choice === index}
                  onChange={() => setChoice(index)}
                />
                <span className="poll-answer__option">{option}</span>
              </label>
            ))
          : null}
        {poll.kind === 'score'
          ? poll.options.map((option, index) => (
              <label key={option} className="poll-answer__row">
                <span className="poll-answer__option">{option}</span>
                <select
                  aria-label={t('poll.scoreFor', { option })}
                  value={scores[index]}
                  onChange={(event) => setScores(setAt(scores, index, Number(event.target.value)))}
                >
                  {Array.from({ length: poll.scoreMax }, (_, i) => i + 1).map((score) => (
                    <option key={score} value={score}>
                      {score}
                    </option>
                  ))}
                </select>
              </label>
            ))
          : null}
        {poll.kind === 'ranked' ? (
          <ol>
            {ranking.map((option, place) => {
              const label = poll.options[option] ?? ''
              return (
                <li key={label} className="poll-answer__row">
                  <span className="poll-answer__option">{label}</span>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t('poll.moveUp', { option: label })}
                    disabled={place === 0}
                    onClick={() => move(place, place - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t('poll.moveDown', { option: label })}
                    disabled={place === ranking.length - 1}
                    onClick={() => move(place, place + 1)}
                  >
                    ↓
                  </button>
                </li>
              )
            })}
          </ol>
        ) : null}
        {poll.kind === 'dots' ? (
          <>
            {poll.options.map((option, index) => (
              <label key={option} className="poll-answer__row">
                <span className="poll-answer__option">{option}</span>
                <input
                  type="number"
                  inputMode="numeric"
                  aria-label={t('poll.dotsFor', { option })}
                  min={0}
                  max={poll.dots}
                  value={dots[index]}
                  onChange={(event) =>
                    setDots(
                      setAt(dots, index, Math.max(0, Math.floor(Number(event.target.value) || 0))),
                    )
                  }
                />
              </label>
            ))}
            <p role="status">{t('poll.dotsLeft', { left: poll.dots - spent, dots: poll.dots })}</p>
          </>
        ) : null}
      </fieldset>
      {answered ? <p role="status">{t('poll.answered')}</p> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <button
        type="submit"
        className="button button--primary"
        disabled={
          busy ||
          answer() === undefined ||
          (poll.kind === 'dots' && (spent < 1 || spent > poll.dots))
        }
      >
        {answered ? t('poll.answerChange') : t('poll.answerSubmit')}
      </button>
    </form>
  )
}
