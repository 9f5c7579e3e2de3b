import { type FormEvent, useState } from 'react'
import type * as Y from 'yjs'
import type { Participant } from '../../../../shared/src/schema/people.js'
import {
  type CommentEntry,
  commentModerators,
  deleteComment,
  editComment,
} from '../../../../shared/src/ydoc/comments.js'
import { formatDateTime } from '../../app/format.js'
import { useI18n } from '../../app/i18n/i18n.js'
import { GroupBadge } from '../../features/people/GroupBadge.js'
import { ConfirmDialog } from '../../ui/ConfirmDialog.js'

/**
 * One comment, as plain text. Its author may edit or delete it; a facilitator or mediator may
 * remove anyone's, after confirming (the server records who removed what). The server refuses
 * anything else, so only these controls are offered.
 */
export const CommentItem = ({
  comment,
  threadId,
  doc,
  me,
  canComment,
}: {
  comment: CommentEntry
  threadId: string
  doc: Y.Doc
  me: Participant
  canComment: boolean
}) => {
  const { t, language } = useI18n()
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(comment.text)
  const [confirming, setConfirming] = useState(false)
  const own = canComment && comment.authorId === me.id
  const moderates = canComment && !own && commentModerators.includes(me.role)
  const save = (event: FormEvent) => {
    event.preventDefault()
    const changed = text.trim()
    if (changed && changed !== comment.text) {
      editComment(doc, threadId, comment.id, {
        text: changed,
        editedAt: new Date().toISOString(),
        authorName: me.displayName,
      })
    }
    setEditing(false)
  }
  return (
    <li className="comment" data-comment-id={comment.id}>
      <div className="comment__meta">
        <strong>{comment.authorName}</strong> <GroupBadge group={comment.authorGroup} />{' '}
        <time dateTime={comment.createdAt} className="muted small">
          {formatDateTime(comment.createdAt, language)}
        </time>
        {comment.editedAt ? <span className="muted small"> · {t('comments.edited')}</span> : null}
      </div>
      {editing ? (
        <form className="thread__reply" onSubmit={save}>
          <label className="visually-hidden" htmlFor={`edit-${comment.id}`}>
            {t('comments.editLabel')}
          </label>
          <input
            id={`edit-${comment.id}`}
            maxLength={10_000}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button button--small">
            {t('comments.save')}
          </button>
          <button type="button" className="button button--small" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        // Text, never HTML: a comment can never run code in someone else's browser.
        <p className="comment__text">{comment.text}</p>
      )}
      {own && !editing ? (
        <div className="comment__actions">
          <button
            type="button"
            className="button button--link button--small"
            onClick={() => {
              setText(comment.text)
              setEditing(true)
            }}
          >
            {t('comments.edit')}
          </button>
          <button
            type="button"
            className="button button--link button--small"
            onClick={() => deleteComment(doc, threadId, comment.id)}
          >
            {t('comments.delete')}
          </button>
        </div>
      ) : null}
      {moderates ? (
        <>
          <button
            type="button"
            className="button button--link button--small"
            onClick={() => setConfirming(true)}
          >
            {t('comments.remove')}
          </button>
          <ConfirmDialog
            open={confirming}
            title={t('comments.removeTitle', { name: comment.authorName })}
            confirmLabel={t('comments.removeConfirm')}
            cancelLabel={t('common.cancel')}
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false)
              deleteComment(doc, threadId, comment.id)
            }}
          >
            <p>{t('comments.removeBody')}</p>
          </ConfirmDialog>
        </>
      ) : null}
    </li>
  )
}
