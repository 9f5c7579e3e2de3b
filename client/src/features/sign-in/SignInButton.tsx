import { useState } from 'react'
import type { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import type { WorkspaceSignIn } from '../../../../shared/src/schema/sign-in.js'
import { ApiError } from '../../api/http.js'
import { beginSignIn, fetchWorkspaceSignIn } from '../../api/sign-in.js'
import { type Translate, useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'

const problem = (t: Translate, error: unknown, name: string): string => {
  if (error instanceof ApiError) {
    if (error.code === 'forbidden') return t('signIn.notAccepted', { name })
    if (error.code === 'offline') return t('common.offline')
  }
  return t('signIn.failed')
}

export interface SignInButtonProps {
  workspaceId: string
  /** The invite being opened: the first sign-in joins through it. */
  invite?: string
  /** What the person typed on the join page, if anything. */
  displayName?: string
  group?: StakeholderGroup
  /** Shown above the button: why one would sign in here. */
  hint: (name: string) => string
}

/**
 * "Sign in with <provider>", where the workspace accepts the server's identity provider; nothing
 * where it does not. The browser leaves for the provider and comes back signed in (or to a page
 * that says why not).
 */
export const SignInButton = ({ workspaceId, ...props }: SignInButtonProps) => {
  const [status] = useLoad(() => fetchWorkspaceSignIn(workspaceId), [workspaceId])
  if (status.state !== 'ready' || !status.value.accepted || !status.value.provider) return null
  return <SignInOffer workspaceId={workspaceId} status={status.value} {...props} />
}

const SignInOffer = ({
  workspaceId,
  invite,
  displayName,
  group,
  hint,
  status,
}: SignInButtonProps & { status: WorkspaceSignIn }) => {
  const t = useT()
  const name = status.provider?.name ?? ''
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  const start = async () => {
    setBusy(true)
    setError(undefined)
    try {
      const trimmed = displayName?.trim()
      const url = await beginSignIn({
        workspaceId,
        ...(invite ? { invite } : {}),
        ...(trimmed ? { displayName: trimmed } : {}),
        ...(group ? { group } : {}),
      })
      window.location.assign(url)
    } catch (caught) {
      setError({ text: (t) => problem(t, caught, name) })
      setBusy(false)
    }
  }
  return (
    <div className="sign-in-offer">
      <p className="muted">{hint(name)}</p>
      <button type="button" className="button button--primary" onClick={start} disabled={busy}>
        {busy ? t('signIn.redirecting', { name }) : t('signIn.with', { name })}
      </button>
      {error ? <Notice tone="error">{error.text(t)}</Notice> : null}
    </div>
  )
}
