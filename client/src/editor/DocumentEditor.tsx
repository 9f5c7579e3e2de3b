import { useEffect, useState } from 'react'
import type { PlanDocument } from '../../../shared/src/schema/document.js'
import type { Participant } from '../../../shared/src/schema/people.js'
import { roomPermission } from '../../../shared/src/ydoc/rooms.js'
import { useT } from '../app/i18n/i18n.js'
import { keepLoadedAssets } from '../app/offline-shell.js'
import { Link } from '../app/router.js'
import { paths } from '../app/routes.js'
import { runsSessions } from '../features/session/session-roles.js'
import { Notice } from '../ui/Notice.js'
import { AuthorshipToggle } from './authorship/AuthorshipToggle.js'
import { ConnectionBadge } from './ConnectionBadge.js'
import { ClausesPanel } from './clauses/ClausesPanel.js'
import type { ClauseDraft } from './clauses/ProposeClauseForm.js'
import { useClauses } from './clauses/use-clauses.js'
import { anchorSelection } from './comments/anchors.js'
import { CommentsPanel } from './comments/CommentsPanel.js'
import { useCommentDraft } from './comments/use-comment-draft.js'
import { useThreadFocus } from './comments/use-thread-focus.js'
import { EditorMain, ReadOnlyNote } from './EditorMain.js'
import { PresenceBar } from './PresenceBar.js'
import { SidePanels, type SideTab } from './SidePanels.js'
import { CommentersMaySuggest } from './suggestions/CommentersMaySuggest.js'
import { SuggestionsPanel } from './suggestions/SuggestionsPanel.js'
import type { Suggestion } from './suggestions/suggestions.js'
import type { DocumentRooms } from './use-document-rooms.js'
import { usePlanEditor } from './use-plan-editor.js'
import { useSaveStatus } from './use-save-status.js'
import { CompareView, type Comparison } from './versions/CompareView.js'
import { RestoreNotice } from './versions/RestoreNotice.js'
import { VersionsPanel } from './versions/VersionsPanel.js'

/** The co-writing view: the plan's text, who is here, whether it is saved, and the comments. */
export const DocumentEditor = ({
  document,
  me,
  roleChanged = false,
  rooms,
  onDocumentChanged,
}: {
  document: PlanDocument
  me: Participant
  roleChanged?: boolean
  rooms: DocumentRooms
  /** The facilitator changed the document's settings (commenters may suggest). */
  onDocumentChanged: (document: PlanDocument) => void
}) => {
  const t = useT()
  const canWrite = roomPermission(me.role, 'doc') === 'write'
  const canComment = roomPermission(me.role, 'comments') === 'write'
  // The server judges each of their updates: only suggestions in their own name get through.
  const suggestsOnly = !canWrite && me.role === 'commenter' && document.commentersMaySuggest
  const threads = useThreadFocus(canComment, document.commentsRoom)
  const status = useSaveStatus(rooms)
  // The editor's code has just loaded: make sure it is kept for offline reloads.
  useEffect(keepLoadedAssets, [])
  const editor = usePlanEditor({
    text: rooms.text,
    me,
    label: t('editor.textLabel', { title: document.title }),
    canWrite: canWrite || suggestsOnly,
    onActivateThread: threads.setActiveThread,
  })
  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    if (suggestsOnly || editor.storage.suggestions.only)
      editor.commands.setSuggestOnly(suggestsOnly)
  }, [editor, suggestsOnly])
  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    editor.storage.suggestions.author = {
      authorId: me.id,
      authorName: me.displayName,
      group: me.group,
    }
  }, [editor, me.id, me.displayName, me.group])
  const [tab, setTab] = useState<SideTab>('comments')
  const [comparison, setComparison] = useState<Comparison>()
  const { draft, activeThread } = threads
  useEffect(() => {
    if (draft || activeThread) setTab('comments')
  }, [draft, activeThread])
  const startComment = useCommentDraft(editor, canComment, threads.setDraft)
  /** A suggestion's note is a comment thread on its text, so mentions and replies work alike. */
  const discussSuggestion = (suggestion: Suggestion) => {
    const from = suggestion.ranges[0]?.from
    const to = suggestion.ranges.at(-1)?.to
    if (!editor || from === undefined || to === undefined) return
    editor.chain().setTextSelection({ from, to }).run()
    startComment()
  }
  const clauses = useClauses(editor, document.id, rooms.text.doc)
  const [clauseDraft, setClauseDraft] = useState<ClauseDraft>()
  const proposeClause = () => {
    const anchored = editor ? anchorSelection(editor.state) : undefined
    if (!anchored) return
    setClauseDraft(anchored)
    setTab('clauses')
  }

  return (
    <main id="main" className="page page--editor">
      <div className="doc-header">
        <div className="doc-header__title">
          <Link href={paths.workspace(document.workspaceId)} className="back-link">
            {t('editor.back')}
          </Link>
          <h1>{document.title}</h1>
        </div>
        <div className="doc-header__status">
          <ConnectionBadge status={status} />
          <PresenceBar provider={rooms.text.provider} meId={me.id} />
        </div>
      </div>
      {roleChanged ? (
        <Notice tone="info">{t('editor.roleChanged', { role: t(`role.${me.role}`) })}</Notice>
      ) : null}
      {canWrite ? null : suggestsOnly ? (
        <p className="read-only-note" role="note">
          {t('suggest.onlyNote')}
        </p>
      ) : (
        <ReadOnlyNote role={me.role} canComment={canComment} />
      )}
      <RestoreNotice
        doc={rooms.text.doc}
        document={document}
        me={me}
        canWrite={canWrite}
        onCompare={(chosen) => {
          setComparison(chosen)
          setTab('versions')
        }}
      />
      <div className="doc-layout">
        <div className="doc-column">
          {comparison ? (
            <CompareView
              documentId={document.id}
              comparison={comparison}
              onClose={() => setComparison(undefined)}
            />
          ) : null}
          {editor ? <AuthorshipToggle editor={editor} documentId={document.id} /> : null}
          <EditorMain
            editor={editor}
            canWrite={canWrite}
            canComment={canComment}
            onComment={startComment}
            onProposeClause={runsSessions(me.role) ? proposeClause : undefined}
          />
        </div>
        {editor ? (
          <SidePanels
            tab={tab}
            onTab={setTab}
            comments={
              <CommentsPanel
                editor={editor}
                doc={rooms.comments.doc}
                me={me}
                canComment={canComment}
                {...threads.panel}
              />
            }
            suggestions={
              <SuggestionsPanel
                editor={editor}
                canWrite={canWrite}
                meId={me.id}
                maySuggest={suggestsOnly}
                onDiscuss={canComment ? discussSuggestion : undefined}
              >
                {me.role === 'facilitator' ? (
                  <CommentersMaySuggest document={document} onChanged={onDocumentChanged} />
                ) : null}
              </SuggestionsPanel>
            }
            clauses={
              <ClausesPanel
                document={document}
                clauses={clauses.shown}
                loaded={clauses.loaded}
                draft={clauseDraft}
                onDraftDone={(opened) => (opened ? clauses.reload() : setClauseDraft(undefined))}
              />
            }
            versions={
              <VersionsPanel
                document={document}
                me={me}
                canWrite={canWrite}
                onCompare={setComparison}
                onRestored={() => setComparison(undefined)}
              />
            }
          />
        ) : null}
      </div>
    </main>
  )
}
