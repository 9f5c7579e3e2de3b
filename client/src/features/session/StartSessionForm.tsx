import { type FormEvent, useState } from 'react'
import type { Role } from '../../../../shared/src/schema/people.js'
import {
  defaultAgendas,
  SessionKind,
  sessionKindRoles,
} from '../../../../shared/src/schema/session.js'
import { createSession } from '../../api/sessions.js'
import { useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { navigate } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { stageTitle } from './stage-title.js'
import { explainRefusal } from './use-command.js'

/** Facilitators start workshops, mediators also mediations; then they land on its page. */
export const StartSessionForm = ({ workspaceId, role }: { workspaceId: string; role: Role }) => {
  const t = useT()
  const kinds = SessionKind.options.filter((option) => sessionKindRoles[option].includes(role))
  const [title, setTitle] = useState('')
  const [kind, setKind] = useState<SessionKind>(kinds.at(-1) ?? 'workshop')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const { session } = await createSession(workspaceId, { title, kind })
      navigate(paths.session(workspaceId, session.id))
    } catch (failure) {
      setError({ text: (t) => explainRefusal(t, failure) })
      setBusy(false)
    }
  }
  const agenda = defaultAgendas[kind].map((item) => stageTitle(t, item.title)).join(', ')
  return (
    <form className="form form--boxed" onSubmit={submit} aria-label={t('sessions.start')}>
      <h3>{t('sessions.start')}</h3>
      <div className="form__row">
        <Field label={t('sessions.sessionTitle')}>
          {(props) => (
            <input
              {...props}
              required
              maxLength={200}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('sessions.kind')} hint={t('sessions.agendaHint', { agenda })}>
          {(props) => (
            <select
              {...props}
              value={kind}
              onChange={(event) => setKind(SessionKind.parse(event.target.value))}
            >
              {kinds.map((option) => (
                <option key={option} value={option}>
                  {t(`sessions.kind.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {error ? <Notice tone="error">{error.text(t)}</Notice> : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('sessions.starting') : t('sessions.startSubmit')}
      </button>
    </form>
  )
}
