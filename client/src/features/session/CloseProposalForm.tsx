import { type FormEvent, useState } from 'react'
import { Outcome } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { useCommand } from './use-command.js'

/**
 * Runners close the open proposal with an outcome, and the server records the decision; or
 * withdraw it, which records no decision and frees the session to move on or end.
 */
export const CloseProposalForm = ({ sessionId }: { sessionId: string }) => {
  const t = useT()
  const { run, busy, error } = useCommand(sessionId)
  const [outcome, setOutcome] = useState<Outcome>('adopted')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void run({ type: 'proposal.close', outcome })
  }
  return (
    <form className="form form--boxed" onSubmit={submit} aria-label={t('session.close')}>
      <h3>{t('session.close')}</h3>
      <div className="inline-form">
        <Field label={t('session.outcome')}>
          {(props) => (
            <select
              {...props}
              value={outcome}
              onChange={(event) => setOutcome(Outcome.parse(event.target.value))}
            >
              {Outcome.options.map((value) => (
                <option key={value} value={value}>
                  {t(`session.outcome.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('session.closeSubmit')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          title={t('session.withdrawHint')}
          onClick={() => void run({ type: 'proposal.withdraw' })}
        >
          {t('session.withdraw')}
        </button>
      </div>
      {error ? <Notice tone="error">{error}</Notice> : null}
    </form>
  )
}
