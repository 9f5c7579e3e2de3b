import type * as Y from 'yjs'
import { addThread, type CommentEntry } from '../../shared/src/ydoc/comments.js'
import type { Person } from './mediation.js'

/** When the tests' comments were written: a fixed time, as the rules never look at it. */
export const commentedAt = '2026-12-01T05:00:00.000Z'

/** A comment written by `person`, in their own name, as their page writes it. */
export const entry = (id: string, person: Person, text: string): CommentEntry => ({
  id,
  authorId: person.participant.id,
  authorName: person.participant.displayName,
  authorGroup: person.participant.group,
  text,
  createdAt: commentedAt,
})

/** Opens thread `id` by `author`, its first comment `<id>-1` saying `text`. */
export const openThread = (doc: Y.Doc, id: string, author: Person, text: string) =>
  addThread(
    doc,
    {
      id,
      anchorStart: new Uint8Array([1]),
      anchorEnd: new Uint8Array([2]),
      quote: 'the bus depot moves to Jalan Merdeka',
      createdAt: commentedAt,
      createdBy: author.participant.id,
    },
    entry(`${id}-1`, author, text),
  )
