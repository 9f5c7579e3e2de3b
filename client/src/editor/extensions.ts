import type { Extensions } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import StarterKit from '@tiptap/starter-kit'
import type { Participant } from '../../../shared/src/schema/people.js'
import { groupColor } from '../../../shared/src/schema/people.js'
import { textFragmentName } from '../../../shared/src/ydoc/rooms.js'
import type { RoomConnection } from '../sync/room-connection.js'
import { AuthorshipOverlay } from './authorship/authorship-overlay.js'
import { renderCaret, renderSelection } from './caret-render.js'
import { ClauseMargin } from './clauses/clause-margin.js'
import { CommentHighlights } from './comments/comment-highlights.js'
import { isSafeLink } from './safe-link.js'
import { SuggestionDelete, SuggestionInsert } from './suggestions/suggestion-marks.js'
import { Suggestions } from './suggestions/suggestions.js'

/** The plan's schema: headings, lists, quotes and safe links, edited together through Yjs. */
export const planExtensions = (
  text: RoomConnection,
  me: Participant,
  onActivateThread: (threadId: string) => void,
): Extensions => [
  StarterKit.configure({
    // Yjs keeps the undo history (per person), not ProseMirror.
    undoRedo: false,
    codeBlock: false,
    code: false,
    horizontalRule: false,
    heading: { levels: [1, 2, 3] },
    link: {
      openOnClick: false,
      autolink: true,
      protocols: [],
      defaultProtocol: 'https',
      isAllowedUri: (url) => isSafeLink(url),
      shouldAutoLink: (url) => isSafeLink(url),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
    },
  }),
  Collaboration.configure({ document: text.doc, field: textFragmentName }),
  CollaborationCaret.configure({
    provider: text.provider,
    // The server overwrites this with the authenticated identity for everyone else.
    user: {
      id: me.id,
      name: me.displayName,
      group: me.group,
      role: me.role,
      color: groupColor[me.group],
    },
    render: renderCaret,
    selectionRender: renderSelection,
  }),
  CommentHighlights.configure({ onActivate: onActivateThread }),
  ClauseMargin,
  SuggestionInsert,
  SuggestionDelete,
  AuthorshipOverlay,
  Suggestions.configure({
    author: { authorId: me.id, authorName: me.displayName, group: me.group },
  }),
]
