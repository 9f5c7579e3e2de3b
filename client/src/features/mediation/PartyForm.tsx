import { type FormEvent, useId, useState } from 'react'
import type { Party } from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import { createParty, updateParty } from '../../api/mediation.js'
import { useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { GroupBadge } from '../people/GroupBadge.js'
import { explainMediationRefusal } from './explain-refusal.js'

/**
 * The mediator names a party and ticks its representatives among the workspace's people. Someone
 * already representing another party cannot be ticked: a person represents one party only.
 */
export const PartyForm = ({
  sessionId,
  party,
  parties,
  people,
  onSaved,
  onCancel,
}: {
  sessionId: string
  /** The party being edited; none for a new one. */
  party?: Party
  parties: readonly Party[]
  /** Who may represent a party (the workspace's people, the mediator left out). */
  people: readonly Participant[]
  onSaved: (party: Party) => void
  onCancel: () => void
}) => {
  const t = useT()
  const id = useId()
  const [name, setName] = useState(party?.name ?? '')
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    () => new Set(party?.members.map((member) => member.participantId)),
  )
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  const otherParty = new Map<string, string>()
  for (const other of parties) {
    if (other.id === party?.id) continue
    for (const member of other.members) otherParty.set(member.participantId, other.name)
  }
  const toggle = (participantId: string, on: boolean) => {
    const next = new Set(chosen)
    if (on) next.add(participantId)
    else next.delete(participantId)
    setChosen(next)
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (chosen.size === 0) {
      setError({ text: (t) => t('mediation.chooseMembers') })
      return
    }
    setBusy(true)
    setError(undefined)
    const body = { name: name.trim(), participantIds: [...chosen] }
    try {
      onSaved(
        party ? await updateParty(sessionId, party.id, body) : await createParty(sessionId, body),
      )
    } catch (failure) {
      setError({ text: (t) => explainMediationRefusal(t, failure) })
    } finally {
      setBusy(false)
    }
  }
  const title = party ? t('mediation.editingParty', { name: party.name }) : t('mediation.newParty')
  return (
    <form className="form form--boxed party-form" onSubmit={submit} aria-label={title}>
      <h3>{title}</h3>
      <Field label={t('mediation.partyName')}>
        {(props) => (
          <input
            {...props}
            required
            maxLength={120}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      <fieldset className="party-form__members" aria-describedby={`${id}-hint`}>
        <legend>{t('mediation.representatives')}</legend>
        <p className="field__hint" id={`${id}-hint`}>
          {t('mediation.representativesHint')}
        </p>
        {people.length === 0 ? <p className="muted">{t('mediation.noPeople')}</p> : null}
        <ul className="member-choices">
          {people.map((person) => {
            const elsewhere = otherParty.get(person.id)
            const inputId = `${id}-${person.id}`
            return (
              <li key={person.id} className="member-choice">
                <input
                  type="checkbox"
                  id={inputId}
                  checked={chosen.has(person.id)}
                  disabled={elsewhere !== undefined && !chosen.has(person.id)}
                  aria-describedby={elsewhere ? `${inputId}-note` : undefined}
                  onChange={(event) => toggle(person.id, event.target.checked)}
                />
                <label htmlFor={inputId}>{person.displayName}</label>
                <GroupBadge group={person.group} />
                {elsewhere ? (
                  <span className="member-choice__note" id={`${inputId}-note`}>
                    {t('mediation.inOtherParty', { party: elsewhere })}
                  </span>
                ) : null}
              </li>
            )
          })}
        </ul>
      </fieldset>
      {error ? <Notice tone="error">{error.text(t)}</Notice> : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('mediation.saveParty')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  )
}
