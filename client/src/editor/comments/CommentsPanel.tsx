import type { Editor } from '@tiptap/core'
import { type FormEvent, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { Participant } from '../../../../shared/src/schema/people.js'
import { addThread } from '../../../../shared/src/ydoc/comments.js'
import { useT } from '../../app/i18n/i18n.js'
import { Field } from '../../ui/Field.js'
import { usePeopleNames } from '../versions/use-people-names.js'
import { useMentionSuggestions } from './MentionSuggestions.js'
import type { Mentionable } from './mention-query.js'
import { newComment } from './new-comment.js'
import { ThreadCard } from './ThreadCard.js'
import type { ThreadDraft } from './use-comment-draft.js'
import { usePlacedThreads } from './use-threads.js'

/** The side panel: a new thread being written, then every thread in document order. */
export const CommentsPanel = (props: {
  editor: Editor
  doc: Y.Doc
  me: Participant
  canComment: boolean
  activeThread: string | undefined
  onActivate: (threadId: string) => void
  draft: ThreadDraft | undefined
  onDraftDone: (threadId: string) => void
  onDraftCancel: () => void
  onDraftText: (text: string) => void
}) => {
  const t = useT()
  const { editor, doc, me, canComment, activeThread, draft } = props
  const placed = usePlacedThreads(editor, doc, activeThread)
  const [showResolved, setShowResolved] = useState(false)
  const open = placed.filter(({ thread }) => showResolved || !thread.resolved)
  const resolvedCount = placed.length - placed.filter(({ thread }) => !thread.resolved).length
  // Whom `@` may name: the other members (the server tells only those who may read the room).
  const names = usePeopleNames(me.workspaceId)
  const mentionable = useMemo(
    () =>
      [...names]
        .filter(([id]) => id !== me.id)
        .map(([id, displayName]): Mentionable => ({ id, displayName })),
    [names, me.id],
  )
  return (
    <aside className="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{t('comments.title')}</h2>
      {draft ? (
        <NewThreadForm
          draft={draft}
          mentionable={mentionable}
          onSubmit={(text) => {
            const first = newComment(me, text)
            const id = crypto.randomUUID()
            const { anchorStart, anchorEnd, quote } = draft
            const thread = { id, anchorStart, anchorEnd, quote }
            addThread(doc, { ...thread, createdAt: first.createdAt, createdBy: me.id }, first)
            props.onDraftDone(id)
          }}
          onCancel={props.onDraftCancel}
          onText={props.onDraftText}
        />
      ) : null}
      {placed.length === 0 && !draft ? (
        <p className="muted">{canComment ? t('comments.noneCanComment') : t('comments.none')}</p>
      ) : null}
      <ol className="thread-list">
        {open.map(({ thread, range }) => (
          <ThreadCard
            key={thread.id}
            thread={thread}
            orphaned={!range}
            doc={doc}
            me={me}
            canComment={canComment}
            active={thread.id === activeThread}
            onActivate={() => props.onActivate(thread.id)}
            mentionable={mentionable}
          />
        ))}
      </ol>
      {resolvedCount > 0 ? (
        <button
          type="button"
          className="button button--link"
          onClick={() => setShowResolved((v) => !v)}
        >
          {showResolved
            ? t('comments.hideResolved')
            : t('comments.showResolved', { count: resolvedCount })}
        </button>
      ) : null}
    </aside>
  )
}

const NewThreadForm = ({
  draft,
  mentionable,
  onSubmit,
  onCancel,
  onText,
}: {
  draft: ThreadDraft
  mentionable: readonly Mentionable[]
  onSubmit: (text: string) => void
  onCancel: () => void
  onText: (text: string) => void
}) => {
  const t = useT()
  const [text, setText] = useState(draft.text ?? '')
  const field = useRef<HTMLTextAreaElement>(null)
  const mentions = useMentionSuggestions(
    mentionable,
    text,
    (next) => {
      setText(next)
      onText(next)
    },
    field,
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (text.trim()) onSubmit(text.trim())
  }
  return (
    <form className="thread thread--draft" onSubmit={submit} aria-label={t('comments.new')}>
      <blockquote className="thread__quote">{draft.quote}</blockquote>
      <Field label={t('comments.yourComment')}>
        {(fieldProps) => (
          <textarea
            {...fieldProps}
            ref={field}
            // biome-ignore lint/a11y/noAutofocus: the person just asked to write this comment
            autoFocus
            rows={3}
            maxLength={10_000}
            value={text}
            onChange={mentions.onChange}
            onSelect={mentions.onSelect}
          />
        )}
      </Field>
      {mentions.list}
      <div className="thread__actions">
        <button type="submit" className="button button--primary button--small">
          {t('comments.post')}
        </button>
        <button type="button" className="button button--small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  )
}
