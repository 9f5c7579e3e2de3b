import { useState } from 'react'
import { fetchWorkspaceSignIn, setWorkspaceSignIn } from '../../api/sign-in.js'
import { useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'

/**
 * A facilitator accepts sign-in with the server's identity provider for this workspace, or
 * stops; shown only where the server has a provider.
 */
export const SignInSection = ({ workspaceId }: { workspaceId: string }) => {
  const t = useT()
  const [status, reload] = useLoad(() => fetchWorkspaceSignIn(workspaceId), [workspaceId])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  if (status.state !== 'ready' || !status.value.provider) return null
  const { name } = status.value.provider
  const change = async (accepted: boolean) => {
    setBusy(true)
    setError(undefined)
    try {
      await setWorkspaceSignIn(workspaceId, accepted)
      reload()
    } catch {
      setError({ text: (t) => t('common.actionFailed') })
    } finally {
      setBusy(false)
    }
  }
  return (
    <Section title={t('signIn.sectionTitle', { name })}>
      <p className="muted">{t('signIn.acceptHint', { name })}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={status.value.accepted}
          disabled={busy}
          onChange={(event) => change(event.target.checked)}
        />{' '}
        {t('signIn.accept', { name })}
      </label>
      {error ? <Notice tone="error">{error.text(t)}</Notice> : null}
    </Section>
  )
}
