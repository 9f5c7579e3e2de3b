import { type Editor, EditorContent } from '@tiptap/react'
import type { Role } from '../../../shared/src/schema/people.js'
import { useT } from '../app/i18n/i18n.js'
import { Toolbar } from './Toolbar.js'

/** The text being written together: its toolbar (once the editor exists) and the text itself. */
export const EditorMain = ({
  editor,
  canWrite,
  canComment,
  onComment,
  onProposeClause,
}: {
  editor: Editor | null
  canWrite: boolean
  canComment: boolean
  onComment: () => void
  onProposeClause?: (() => void) | undefined
}) => (
  <div className="doc-main">
    {editor ? (
      <Toolbar
        editor={editor}
        canWrite={canWrite}
        canComment={canComment}
        onComment={onComment}
        onProposeClause={onProposeClause}
      />
    ) : null}
    <EditorContent editor={editor} className="plan-text-frame" />
  </div>
)

/** Why this person reads but does not write: their role, and whether they may still comment. */
export const ReadOnlyNote = ({ role, canComment }: { role: Role; canComment: boolean }) => {
  const t = useT()
  return (
    <p className="read-only-note" role="note">
      {t(canComment ? 'editor.readOnlyCommenter' : 'editor.readOnlyObserver', {
        role: t(`role.${role}`),
      })}
    </p>
  )
}
