import * as Y from 'yjs'
import { z } from 'zod'
import { type Role, StakeholderGroup } from '../schema/people.js'

/**
 * The shape of a document's comments room (`comments:<documentId>`), defined once so every
 * client reads and writes it the same way. Threads are anchored to the text room with encoded
 * Yjs relative positions, which keep pointing at the same characters whatever is edited around
 * them. Everything read here was written by some client, so it is validated on the way out.
 *
 *   doc.getMap('threads'): threadId → Y.Map {
 *     id, anchorStart: Uint8Array, anchorEnd: Uint8Array, quote, createdAt, createdBy,
 *     resolved: boolean, comments: Y.Array<CommentEntry>
 *   }
 */
export const commentsRootName = 'threads'

/**
 * Who may remove other people's comments and threads (each removal is audited). Everyone else
 * edits and removes only their own; anyone who may comment resolves and reopens a thread.
 */
export const commentModerators: readonly Role[] = ['facilitator', 'mediator']

export const CommentEntry = z.object({
  id: z.string().max(64),
  authorId: z.string().max(64),
  authorName: z.string().max(80),
  authorGroup: StakeholderGroup,
  text: z.string().max(10_000),
  createdAt: z.string().max(40),
  /** When its author last changed the text. */
  editedAt: z.string().max(40).optional(),
})
export type CommentEntry = z.infer<typeof CommentEntry>

export interface CommentThread {
  id: string
  anchorStart: Uint8Array
  anchorEnd: Uint8Array
  /** The passage as it read when the thread was opened, shown when the passage is gone. */
  quote: string
  createdAt: string
  createdBy: string
  resolved: boolean
  comments: CommentEntry[]
}

type ThreadMap = Y.Map<unknown>

export const threadsOf = (doc: Y.Doc): Y.Map<ThreadMap> => doc.getMap<ThreadMap>(commentsRootName)

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** A thread as plain data, or undefined when what is stored does not have the thread's shape. */
export const readThread = (map: ThreadMap): CommentThread | undefined => {
  const anchorStart = map.get('anchorStart')
  const anchorEnd = map.get('anchorEnd')
  const comments = map.get('comments')
  if (!(anchorStart instanceof Uint8Array) || !(anchorEnd instanceof Uint8Array)) return undefined
  if (!(comments instanceof Y.Array)) return undefined
  return {
    id: text(map.get('id')),
    anchorStart,
    anchorEnd,
    quote: text(map.get('quote')),
    createdAt: text(map.get('createdAt')),
    createdBy: text(map.get('createdBy')),
    resolved: map.get('resolved') === true,
    comments: comments.toArray().flatMap((entry: unknown) => {
      const parsed = CommentEntry.safeParse(entry)
      return parsed.success ? [parsed.data] : []
    }),
  }
}

export const readThreads = (doc: Y.Doc): CommentThread[] =>
  [...threadsOf(doc).values()].flatMap((map) => readThread(map) ?? [])

export const addThread = (
  doc: Y.Doc,
  thread: Omit<CommentThread, 'resolved' | 'comments'>,
  first: CommentEntry,
): void => {
  doc.transact(() => {
    const map: ThreadMap = new Y.Map()
    threadsOf(doc).set(thread.id, map)
    for (const [key, value] of Object.entries(thread)) map.set(key, value)
    map.set('resolved', false)
    const comments = new Y.Array<CommentEntry>()
    map.set('comments', comments)
    comments.push([first])
  })
}

const commentsOf = (doc: Y.Doc, threadId: string): Y.Array<CommentEntry> | undefined => {
  const comments = threadsOf(doc).get(threadId)?.get('comments')
  return comments instanceof Y.Array ? (comments as Y.Array<CommentEntry>) : undefined
}

export const addReply = (doc: Y.Doc, threadId: string, entry: CommentEntry): void => {
  commentsOf(doc, threadId)?.push([entry])
}

export const setResolved = (doc: Y.Doc, threadId: string, resolved: boolean): void => {
  threadsOf(doc).get(threadId)?.set('resolved', resolved)
}

/**
 * Replaces the text of one comment: the entry is replaced whole (a list entry cannot be changed
 * in place), keeping its id, author and place. The author's name is the one they have now, as
 * the server checks every entry written against the writer's current name.
 */
export const editComment = (
  doc: Y.Doc,
  threadId: string,
  commentId: string,
  change: Required<Pick<CommentEntry, 'text' | 'editedAt' | 'authorName'>>,
): void => {
  doc.transact(() => {
    const comments = commentsOf(doc, threadId)
    if (!comments) return
    const index = comments.toArray().findIndex((entry) => entry.id === commentId)
    const entry = comments.get(index)
    if (index < 0 || !entry) return
    comments.delete(index, 1)
    comments.insert(index, [{ ...entry, ...change }])
  })
}

/** Deletes one comment; a thread left without comments is deleted with it. */
export const deleteComment = (doc: Y.Doc, threadId: string, commentId: string): void => {
  doc.transact(() => {
    const comments = commentsOf(doc, threadId)
    if (!comments) return
    const index = comments.toArray().findIndex((entry) => entry.id === commentId)
    if (index >= 0) comments.delete(index, 1)
    if (comments.length === 0) threadsOf(doc).delete(threadId)
  })
}
