import type { Caucus } from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import { roomPermission } from '../../../../shared/src/ydoc/rooms.js'
import { formatDateTime } from '../../app/format.js'
import { useI18n } from '../../app/i18n/i18n.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { ConnectionBadge } from '../../editor/ConnectionBadge.js'
import { CommentsPanel } from '../../editor/comments/CommentsPanel.js'
import { useCommentDraft } from '../../editor/comments/use-comment-draft.js'
import { useThreadFocus } from '../../editor/comments/use-thread-focus.js'
import { EditorMain, ReadOnlyNote } from '../../editor/EditorMain.js'
import { PresenceBar } from '../../editor/PresenceBar.js'
import type { DocumentRooms } from '../../editor/use-document-rooms.js'
import { usePlanEditor } from '../../editor/use-plan-editor.js'
import { useSaveStatus } from '../../editor/use-save-status.js'
import { Notice } from '../../ui/Notice.js'
import { caucusTitle } from './caucus-title.js'

/**
 * A caucus's shared text and its notes, with the document editor's parts: the mediator and the
 * party write together while it is open; once closed, both read it only.
 */
export const CaucusEditor = ({
  workspaceId,
  caucus,
  me,
  roleChanged,
  rooms,
}: {
  workspaceId: string
  caucus: Caucus
  me: Participant
  roleChanged: boolean
  rooms: DocumentRooms
}) => {
  const { t, language } = useI18n()
  const title = caucusTitle(t, caucus)
  const open = caucus.status === 'open'
  const canWrite = open && roomPermission(me.role, 'caucus') === 'write'
  const canComment = open && roomPermission(me.role, 'caucus-notes') === 'write'
  const threads = useThreadFocus(canComment)
  const status = useSaveStatus(rooms)
  const editor = usePlanEditor({
    text: rooms.text,
    me,
    label: t('caucus.textLabel', { title }),
    canWrite,
    onActivateThread: threads.setActiveThread,
  })
  const startComment = useCommentDraft(editor, canComment, threads.setDraft)
  const closedAt = caucus.closedAt ? formatDateTime(caucus.closedAt, language) : ''
  return (
    <main id="main" className="page page--editor caucus-page">
      <div className="doc-header">
        <div className="doc-header__title">
          <Link href={paths.session(workspaceId, caucus.sessionId)} className="back-link">
            {t('caucus.back')}
          </Link>
          <p className="eyebrow">{t('caucus.eyebrow')}</p>
          <h1>{title}</h1>
          <p className="caucus-page__meta">
            {caucus.title ? `${t('caucus.party', { party: caucus.partyName })} · ` : null}
            <span className={`status-tag status-tag--${caucus.status}`} data-testid="caucus-status">
              {open ? t('caucus.statusOpen') : t('caucus.statusClosed', { time: closedAt })}
            </span>
          </p>
        </div>
        <div className="doc-header__status">
          <ConnectionBadge status={status} />
          <PresenceBar provider={rooms.text.provider} meId={me.id} />
        </div>
      </div>
      <p className="private-note" role="note">
        {t('caucus.private', { party: caucus.partyName })} {t('caucus.notStored')}
      </p>
      {roleChanged ? (
        <Notice tone="info">{t('editor.roleChanged', { role: t(`role.${me.role}`) })}</Notice>
      ) : null}
      {open ? null : <Notice>{t('caucus.closedNote')}</Notice>}
      {open && !canWrite ? <ReadOnlyNote role={me.role} canComment={canComment} /> : null}
      <div className="doc-layout">
        <EditorMain
          editor={editor}
          canWrite={canWrite}
          canComment={canComment}
          onComment={startComment}
        />
        {editor ? (
          <div className="side">
            <CommentsPanel
              editor={editor}
              doc={rooms.comments.doc}
              me={me}
              canComment={canComment}
              {...threads.panel}
            />
          </div>
        ) : null}
      </div>
    </main>
  )
}
