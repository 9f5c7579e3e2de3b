import { toBase64 } from 'lib0/buffer'
import { type FormEvent, useState } from 'react'
import type { PassageProblem } from '../../../../shared/src/schema/clause.js'
import type { PlanDocument } from '../../../../shared/src/schema/document.js'
import { CommandError, fetchSessions, sendCommand } from '../../api/sessions.js'
import type { MessageKey } from '../../app/i18n/en.js'
import { type Translate, useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { useLoad } from '../../app/use-load.js'
import { ProposalWording } from '../../features/session/ProposalWording.js'
import { explainRefusal } from '../../features/session/use-command.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'

/** A passage chosen in the editor, anchored before the text can move under it. */
export interface ClauseDraft {
  anchorStart: Uint8Array
  anchorEnd: Uint8Array
  quote: string
}

/**
 * Why the server refused. Of the anchor's problems two can befall a real selection: text typed a
 * moment ago that has not reached the server yet, and a passage holding unsettled suggestions.
 * The others are a page's bug.
 */
const explained: Partial<Record<PassageProblem, MessageKey>> = {
  anchor_outside_document: 'clause.unsaved',
  passage_under_suggestion: 'clause.underSuggestion',
}

const explain = (t: Translate, error: unknown): string => {
  const details: unknown[] =
    error instanceof CommandError && Array.isArray(error.details) ? error.details : []
  for (const entry of details) {
    const code = entry && typeof entry === 'object' && 'code' in entry ? entry.code : undefined
    const key = explained[code as PassageProblem]
    if (key) return t(key)
  }
  return explainRefusal(t, error)
}

/**
 * Puts the selected passage to consent in a running session: the proposal is anchored to it,
 * the server freezes the plan and reads the passage's exact text from that version.
 */
export const ProposeClauseForm = ({
  document,
  draft,
  onDone,
  onCancel,
}: {
  document: PlanDocument
  draft: ClauseDraft
  onDone: () => void
  onCancel: () => void
}) => {
  const t = useT()
  const [sessions] = useLoad(() => fetchSessions(document.workspaceId), [document.workspaceId])
  const running =
    sessions.state === 'ready'
      ? sessions.value.filter((session) => session.status === 'running')
      : []
  const [sessionId, setSessionId] = useState('')
  const [title, setTitle] = useState(() => draft.quote.replace(/\s+/g, ' ').slice(0, 80))
  const [text, setText] = useState(() => t('clause.defaultText'))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  const [opened, setOpened] = useState<string>()
  const chosen = sessionId || running[0]?.id || ''

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!chosen) return
    setBusy(true)
    setError(undefined)
    try {
      await sendCommand(chosen, {
        type: 'proposal.open',
        title,
        text,
        documentId: document.id,
        passage: { start: toBase64(draft.anchorStart), end: toBase64(draft.anchorEnd) },
      })
      setOpened(chosen)
      onDone()
    } catch (failure) {
      setError({ text: (t) => explain(t, failure) })
    } finally {
      setBusy(false)
    }
  }

  if (opened) {
    return (
      <div className="clause-form">
        <Notice tone="success">
          {t('clause.opened')}{' '}
          <Link href={paths.session(document.workspaceId, opened)}>{t('clause.toSession')}</Link>
        </Notice>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.close')}
        </button>
      </div>
    )
  }
  return (
    <form
      className="form form--boxed clause-form"
      onSubmit={submit}
      aria-label={t('clause.propose')}
    >
      <h3>{t('clause.propose')}</h3>
      <blockquote className="clause-quote">{draft.quote}</blockquote>
      {sessions.state === 'ready' && running.length === 0 ? (
        <p className="muted">{t('clause.noSession')}</p>
      ) : (
        <Field label={t('clause.session')}>
          {(props) => (
            <select
              {...props}
              value={chosen}
              onChange={(event) => setSessionId(event.target.value)}
            >
              {running.map((session) => (
                <option key={session.id} value={session.id}>
                  {session.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <ProposalWording title={title} text={text} onTitle={setTitle} onText={setText} rows={2} />
      {error ? <Notice tone="error">{error.text(t)}</Notice> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy || !chosen}>
          {t('clause.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  )
}
