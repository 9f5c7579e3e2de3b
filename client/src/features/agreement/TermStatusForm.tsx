import { type FormEvent, useState } from 'react'
import { type Agreement, TermStatus } from '../../../../shared/src/schema/mediation.js'
import { updateTermStatus } from '../../api/agreements.js'
import { useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { explainAgreementError } from './explain.js'

/** The term's owner or the mediator says where a term stands: open, done or missed, and why. */
export const TermStatusForm = ({
  agreementId,
  termId,
  number,
  current,
  onChanged,
}: {
  agreementId: string
  termId: string
  number: number
  current: TermStatus
  onChanged: (agreement: Agreement) => void
}) => {
  const t = useT()
  // Follows the server's status until the person picks another one.
  const [chosen, setChosen] = useState<TermStatus>()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  const [saved, setSaved] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    setSaved(false)
    try {
      onChanged(await updateTermStatus(agreementId, termId, { status: chosen ?? current, note }))
      setChosen(undefined)
      setNote('')
      setSaved(true)
    } catch (failure) {
      setError({ text: (t) => explainAgreementError(t, failure) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="form term-status-form" onSubmit={submit}>
      <Field label={t('agreement.statusOf', { number })}>
        {(props) => (
          <select
            {...props}
            value={chosen ?? current}
            onChange={(event) => setChosen(TermStatus.parse(event.target.value))}
          >
            {TermStatus.options.map((status) => (
              <option key={status} value={status}>
                {t(`agreement.term.${status}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('agreement.noteFor', { number })}>
        {(props) => (
          <input
            {...props}
            maxLength={1000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button button--small button--primary" disabled={busy}>
        {t('agreement.updateStatus', { number })}
      </button>
      {error ? <Notice tone="error">{error.text(t)}</Notice> : null}
      {saved ? <Notice tone="success">{t('agreement.statusSaved')}</Notice> : null}
    </form>
  )
}
