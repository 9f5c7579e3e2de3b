import { useState } from 'react'
import type { Language } from '../../../../shared/src/schema/language.js'
import type { Workspace } from '../../../../shared/src/schema/workspace.js'
import { setWorkspaceLanguage } from '../../api/workspaces.js'
import { useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { WorkspaceLanguageSelect } from './WorkspaceLanguageSelect.js'

/**
 * The workspace's language: what its templates, minutes and agreement texts are written in.
 * Everyone sees it; a facilitator changes it (texts already signed keep theirs).
 */
export const LanguageSection = ({
  workspace,
  canChange,
  onChanged,
}: {
  workspace: Workspace
  canChange: boolean
  onChanged: () => void
}) => {
  const t = useT()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  const change = async (language: Language) => {
    setBusy(true)
    setError(undefined)
    try {
      await setWorkspaceLanguage(workspace.id, language)
      onChanged()
    } catch {
      setError({ text: (t) => t('common.actionFailed') })
    } finally {
      setBusy(false)
    }
  }
  return (
    <Section title={t('workspaceLanguage.title')}>
      {canChange ? (
        <Field label={t('workspaceLanguage.label')} hint={t('workspaceLanguage.hint')}>
          {(props) => (
            <WorkspaceLanguageSelect
              {...props}
              value={workspace.language}
              disabled={busy}
              onChange={change}
            />
          )}
        </Field>
      ) : (
        <p data-testid="workspace-language">
          {t('workspaceLanguage.current', {
            language: t(`workspaceLanguage.${workspace.language}`),
          })}
        </p>
      )}
      {error ? <Notice tone="error">{error.text(t)}</Notice> : null}
    </Section>
  )
}
