import { type FormEvent, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { Participant } from '../../../../shared/src/schema/people.js'
import { addReply, type CommentThread, setResolved } from '../../../../shared/src/ydoc/comments.js'
import { useT } from '../../app/i18n/i18n.js'
import { CommentItem } from './CommentItem.js'
import { useMentionSuggestions } from './MentionSuggestions.js'
import type { Mentionable } from './mention-query.js'
import { newComment } from './new-comment.js'

/** One thread: its passage, its comments, reply, and resolve or reopen (anyone who may comment). */
export const ThreadCard = ({
  thread,
  orphaned,
  doc,
  me,
  canComment,
  active,
  onActivate,
  mentionable,
}: {
  thread: CommentThread
  orphaned: boolean
  doc: Y.Doc
  me: Participant
  canComment: boolean
  active: boolean
  onActivate: () => void
  mentionable: readonly Mentionable[]
}) => {
  const t = useT()
  const [reply, setReply] = useState('')
  const field = useRef<HTMLInputElement>(null)
  const mentions = useMentionSuggestions(mentionable, reply, setReply, field)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!reply.trim()) return
    addReply(doc, thread.id, newComment(me, reply.trim()))
    setReply('')
  }
  const classes = ['thread', active ? 'is-active' : '', thread.resolved ? 'is-resolved' : '']
  return (
    <li className={classes.join(' ')} data-thread-id={thread.id}>
      <button type="button" className="thread__passage" onClick={onActivate} aria-pressed={active}>
        <span className="visually-hidden">{t('comments.passage')}: </span>
        <q className="thread__quote">{thread.quote}</q>
      </button>
      {orphaned ? <p className="tag tag--warning">{t('comments.orphaned')}</p> : null}
      {thread.resolved ? <p className="tag">{t('comments.resolved')}</p> : null}
      <ol className="thread__comments">
        {thread.comments.map((comment) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            threadId={thread.id}
            doc={doc}
            me={me}
            canComment={canComment}
          />
        ))}
      </ol>
      {canComment ? (
        <div className="thread__footer">
          {thread.resolved ? null : (
            <form className="thread__reply" onSubmit={submit}>
              <label className="visually-hidden" htmlFor={`reply-${thread.id}`}>
                {t('comments.reply')}
              </label>
              <input
                id={`reply-${thread.id}`}
                placeholder={t('comments.replyPlaceholder')}
                maxLength={10_000}
                ref={field}
                value={reply}
                onChange={mentions.onChange}
                onSelect={mentions.onSelect}
              />
              <button type="submit" className="button button--small">
                {t('comments.reply')}
              </button>
              {mentions.list}
            </form>
          )}
          <button
            type="button"
            className="button button--small"
            onClick={() => setResolved(doc, thread.id, !thread.resolved)}
          >
            {thread.resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        </div>
      ) : null}
    </li>
  )
}
