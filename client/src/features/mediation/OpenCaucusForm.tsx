import { type FormEvent, useState } from 'react'
import type { Caucus, Party } from '../../../../shared/src/schema/mediation.js'
import { openCaucus } from '../../api/mediation.js'
import { useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { explainMediationRefusal } from './explain-refusal.js'

/** The mediator opens a private caucus with one party. */
export const OpenCaucusForm = ({
  sessionId,
  parties,
  onOpened,
}: {
  sessionId: string
  parties: readonly Party[]
  onOpened: (caucus: Caucus) => void
}) => {
  const t = useT()
  const [partyId, setPartyId] = useState('')
  const [title, setTitle] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  // The only party, or the one chosen (if it still exists).
  const chosen =
    parties.find((party) => party.id === partyId)?.id ??
    (parties.length === 1 ? parties[0]?.id : undefined)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!chosen) return
    setBusy(true)
    setError(undefined)
    try {
      const caucus = await openCaucus(sessionId, {
        partyId: chosen,
        ...(title.trim() ? { title: title.trim() } : {}),
      })
      setPartyId('')
      setTitle('')
      onOpened(caucus)
    } catch (failure) {
      setError({ text: (t) => explainMediationRefusal(t, failure) })
    } finally {
      setBusy(false)
    }
  }
  if (parties.length === 0) return <p className="muted">{t('mediation.needParty')}</p>
  return (
    <form
      className="form form--boxed open-caucus"
      onSubmit={submit}
      aria-label={t('mediation.openCaucus')}
    >
      <div className="form__row">
        <Field label={t('mediation.caucusParty')}>
          {(props) => (
            <select
              {...props}
              required
              value={chosen ?? ''}
              onChange={(event) => setPartyId(event.target.value)}
            >
              {chosen ? null : <option value="">{t('mediation.chooseParty')}</option>}
              {parties.map((party) => (
                <option key={party.id} value={party.id}>
                  {party.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('mediation.caucusTitle')} hint={t('mediation.caucusTitleHint')}>
          {(props) => (
            <input
              {...props}
              maxLength={120}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
            />
          )}
        </Field>
      </div>
      {error ? <Notice tone="error">{error.text(t)}</Notice> : null}
      <button type="submit" className="button button--primary" disabled={busy || !chosen}>
        {t('mediation.openCaucus')}
      </button>
    </form>
  )
}
