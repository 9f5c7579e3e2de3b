import { type FormEvent, useState } from 'react'
import type { LanguageCode as Language } from '../../../../shared/src/schema/language-codes.js'
import type { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import { ApiError } from '../../api/http.js'
import { useI18n } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { navigate } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { GroupSelect } from '../people/GroupSelect.js'
import { rememberWorkspace } from '../workspace/joined-workspaces.js'
import { WorkspaceLanguageSelect } from '../workspace/WorkspaceLanguageSelect.js'

/** Creates a workspace; its creator becomes the first facilitator and gets the cookie. */
export const CreateWorkspaceForm = () => {
  const { t, language: readerLanguage } = useI18n()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [group, setGroup] = useState<StakeholderGroup>()
  // The reader's own language is the likely choice; the select says it and lets them change it.
  const [language, setLanguage] = useState<Language>(readerLanguage)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  // Asked for only once the server has said it wants its administrator token.
  const [needsAdmin, setNeedsAdmin] = useState(false)
  const [adminToken, setAdminToken] = useState('')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    // The select is required, so the browser asks for a group before this runs.
    if (!group) return
    setBusy(true)
    setError(undefined)
    try {
      // Loaded on submit: the API client checks answers with zod, which the start page skips.
      const { createWorkspace } = await import('../../api/workspaces.js')
      const { workspace } = await createWorkspace(
        { name, description: description || undefined, displayName, group, language },
        adminToken || undefined,
      )
      rememberWorkspace(workspace)
      navigate(paths.workspace(workspace.id))
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'unauthorized') setNeedsAdmin(true)
      setError({
        text: (t) =>
          caught instanceof ApiError && caught.code === 'unauthorized'
            ? t('start.adminOnly')
            : caught instanceof ApiError && caught.code === 'offline'
              ? t('common.offline')
              : caught instanceof ApiError && caught.code === 'unavailable'
                ? t('common.unavailable')
                : t('start.failed'),
      })
      setBusy(false)
    }
  }

  return (
    <section className="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">{t('start.create')}</h2>
      <form onSubmit={submit} className="form">
        <Field label={t('start.name')} hint={t('start.nameHint')}>
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
        <Field label={t('start.description')}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              maxLength={2000}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          )}
        </Field>
        <div className="form__row">
          <Field label={t('people.yourName')}>
            {(props) => (
              <input
                {...props}
                required
                maxLength={80}
                autoComplete="name"
                value={displayName}
                onChange={(event) => setDisplayName(event.target.value)}
              />
            )}
          </Field>
          <Field label={t('people.yourGroup')}>
            {(props) => <GroupSelect {...props} value={group} onChange={setGroup} />}
          </Field>
        </div>
        <Field label={t('workspaceLanguage.label')} hint={t('workspaceLanguage.hint')}>
          {(props) => (
            <WorkspaceLanguageSelect {...props} value={language} onChange={setLanguage} />
          )}
        </Field>
        {error ? <Notice tone="error">{error.text(t)}</Notice> : null}
        {needsAdmin ? (
          <Field label={t('start.adminToken')} hint={t('start.adminTokenHint')}>
            {(props) => (
              <input
                {...props}
                type="password"
                required
                autoComplete="off"
                value={adminToken}
                onChange={(event) => setAdminToken(event.target.value)}
              />
            )}
          </Field>
        ) : null}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('start.creating') : t('start.submit')}
        </button>
      </form>
    </section>
  )
}
