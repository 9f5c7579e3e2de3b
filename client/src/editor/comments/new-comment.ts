import type { Participant } from '../../../../shared/src/schema/people.js'
import type { CommentEntry } from '../../../../shared/src/ydoc/comments.js'

export const newComment = (me: Participant, text: string): CommentEntry => ({
  id: crypto.randomUUID(),
  authorId: me.id,
  authorName: me.displayName,
  authorGroup: me.group,
  text,
  createdAt: new Date().toISOString(),
})
