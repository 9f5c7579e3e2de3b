import { type FormEvent, useState } from 'react'
import { z } from 'zod'
import { InviteUnusable } from '../../../../shared/src/schema/invite.js'
import type { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import { ApiError } from '../../api/http.js'
import { acceptInvite, type InvitePreview, previewInvite } from '../../api/invites.js'
import { type Translate, useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { navigate } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { useLoad } from '../../app/use-load.js'
import { Field } from '../../ui/Field.js'
import { Loading } from '../../ui/Loading.js'
import { Notice } from '../../ui/Notice.js'
import { GroupBadge } from '../people/GroupBadge.js'
import { GroupSelect } from '../people/GroupSelect.js'
import { SignInButton } from '../sign-in/SignInButton.js'
import { rememberWorkspace } from '../workspace/joined-workspaces.js'

const inviteProblem = (t: Translate, error: unknown): string => {
  if (error instanceof ApiError) {
    if (error.code === 'gone') {
      const reason = z.object({ reason: InviteUnusable }).safeParse(error.details)
      return reason.success ? t(`join.gone.${reason.data.reason}`) : t('join.gone')
    }
    if (error.code === 'not_found' || error.code === 'bad_request') return t('join.notFound')
    if (error.code === 'offline') return t('common.offline')
    if (error.code === 'unavailable') return t('common.unavailable')
  }
  return t('join.failed')
}

/** `/join/<code>`: what the invite leads to, then who is joining. */
export const JoinPage = ({ code }: { code: string }) => {
  const t = useT()
  const [preview] = useLoad(() => previewInvite(code), [code])
  return (
    <main id="main" className="page page--narrow">
      {preview.state === 'loading' ? <Loading label={t('common.loading')} /> : null}
      {preview.state === 'failed' ? (
        <>
          <h1>{t('join.title')}</h1>
          <Notice tone="error">{inviteProblem(t, preview.error)}</Notice>
        </>
      ) : null}
      {preview.state === 'ready' ? <JoinForm code={code} preview={preview.value} /> : null}
    </main>
  )
}

const JoinForm = ({ code, preview }: { code: string; preview: InvitePreview }) => {
  const t = useT()
  const [displayName, setDisplayName] = useState('')
  const [group, setGroup] = useState<StakeholderGroup | undefined>(
    preview.invite.group ?? undefined,
  )
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  const { workspace, invite } = preview

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await acceptInvite(code, { displayName, ...(invite.group || !group ? {} : { group }) })
      rememberWorkspace(workspace)
      navigate(paths.workspace(workspace.id), { replace: true })
    } catch (caught) {
      setError({ text: (t) => inviteProblem(t, caught) })
      setBusy(false)
    }
  }

  return (
    <>
      <div className="intro">
        <p className="eyebrow">{t('join.invited')}</p>
        <h1>{workspace.name}</h1>
        {workspace.description ? <p className="lead">{workspace.description}</p> : null}
        <p>
          {t('join.asRole', { role: t(`role.${invite.role}`) })}{' '}
          {invite.group ? <GroupBadge group={invite.group} /> : null}
        </p>
        <p className="muted">{t(`roleExplained.${invite.role}`)}</p>
      </div>
      <section className="panel" aria-labelledby="join-heading">
        <h2 id="join-heading">{t('join.title')}</h2>
        <SignInButton
          workspaceId={workspace.id}
          invite={code}
          displayName={displayName}
          {...(group ? { group } : {})}
          hint={(name) => t('signIn.joinHint', { name })}
        />
        <form className="form" onSubmit={submit}>
          <Field label={t('people.yourName')} hint={t('join.nameHint')}>
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
          {invite.group ? null : (
            <Field label={t('people.yourGroup')}>
              {(props) => <GroupSelect {...props} value={group} onChange={setGroup} />}
            </Field>
          )}
          {error ? <Notice tone="error">{error.text(t)}</Notice> : null}
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('join.joining') : t('join.submit')}
          </button>
        </form>
      </section>
    </>
  )
}
