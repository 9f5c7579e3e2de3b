import * as Y from 'yjs'
import type { Role } from '../../../../shared/src/schema/people.js'
import {
  CommentEntry,
  commentModerators,
  commentsRootName,
} from '../../../../shared/src/ydoc/comments.js'
import { changesOf, type Insertion, liveEntry, type Removal } from './update-changes.js'

/** Fields of the comments room that name who wrote something (see shared/src/ydoc/comments.ts). */
const authorKeys = new Set(['createdBy', 'authorId'])
/** The one field of a thread anyone who may comment may change: resolving and reopening. */
const resolvedKey = 'resolved'

/** The writer, as the token says: a comment names them by id and by name. */
export interface CommentWriter {
  id: string
  displayName: string
  role: Role
}

/** What a moderator removed of someone else's, for the audit log. */
export interface Moderation {
  threadId: string
  /** The whole thread went. */
  threadRemoved: boolean
  comments: { id: string; authorId: string }[]
}

export type CommentVerdict =
  | {
      allowed: true
      moderations: Moderation[]
      /** It adds a comment (not an edit of one): someone may have to be told. */
      wroteComment: boolean
    }
  | { allowed: false; reason: string }

/** Where in a comments room a type sits. */
type Spot =
  | { kind: 'threads' }
  | { kind: 'thread'; thread: Y.Item }
  | { kind: 'comments'; thread: Y.Item }
  | { kind: 'inside'; thread: Y.Item }
  | { kind: 'elsewhere' }

const spotOf = (type: Y.AbstractType<unknown>, doc: Y.Doc): Spot => {
  const threads = doc.share.get(commentsRootName)
  if (type === threads) return { kind: 'threads' }
  // Walk up to the thread: the item right under the threads root.
  const path: Y.Item[] = []
  for (let item = type._item; item; ) {
    const parent = item.parent as Y.AbstractType<unknown>
    if (parent === threads) {
      if (path.length === 0) return { kind: 'thread', thread: item }
      const [field] = path.slice(-1)
      return path.length === 1 && field?.parentSub === 'comments' && type instanceof Y.Array
        ? { kind: 'comments', thread: item }
        : { kind: 'inside', thread: item }
    }
    path.push(item)
    item = parent._item
  }
  return { kind: 'elsewhere' }
}

/** Who opened a thread (its item in the threads root). */
const authorOf = (thread: Y.Item): unknown => {
  if (!(thread.content instanceof Y.ContentType)) return undefined
  return liveEntry(thread.content.type, 'createdBy')?.content.getContent().at(-1)
}

/** A comment entry names its writer, by id and by the name others will read. */
const names = (value: unknown, writer: CommentWriter): boolean => {
  if (typeof value !== 'object' || value === null || !('authorId' in value)) return true
  const entry = value as { authorId: unknown; authorName?: unknown }
  return entry.authorId === writer.id && entry.authorName === writer.displayName
}

const isOwnComment = (value: unknown, writer: CommentWriter): boolean =>
  CommentEntry.safeParse(value).success && names(value, writer)

/** Whether `writer` may add `insertion`; the removals it implies are judged on their own. */
const mayInsert = (insertion: Insertion, doc: Y.Doc, writer: CommentWriter): boolean => {
  const { parent, key, values, createsType } = insertion
  if (!values?.every((value) => names(value, writer))) return false
  // Who wrote a thread is set once, by its writer.
  if (key !== null && authorKeys.has(key) && values.some((value) => value !== writer.id)) {
    return false
  }
  if ('created' in parent) return true
  if ('root' in parent) return parent.root === commentsRootName && key !== null
  const spot = spotOf(parent.existing, doc)
  switch (spot.kind) {
    case 'threads':
      return key !== null
    case 'thread':
      if (key === resolvedKey) return values.every((value) => typeof value === 'boolean')
      return key !== null && !authorKeys.has(key) && authorOf(spot.thread) === writer.id
    case 'comments':
      return key === null && !createsType && values.every((value) => isOwnComment(value, writer))
    case 'inside':
      return authorOf(spot.thread) === writer.id
    case 'elsewhere':
      return false
    default: {
      const unknownSpot: never = spot
      return unknownSpot
    }
  }
}

const entriesOf = (removal: Removal): unknown[] =>
  removal.item.content.getContent().slice(removal.offset, removal.offset + removal.length)

const authorIdOf = (entry: unknown): string | undefined => {
  const parsed = CommentEntry.safeParse(entry)
  return parsed.success ? parsed.data.authorId : undefined
}

/** Judges removals; collects what a moderator removed of others'. Undefined when refused. */
class RemovalJudge {
  readonly #moderations = new Map<Y.Item, Moderation>()
  /** Threads removed by this update, and how many of their live comments it removes. */
  readonly #threadsRemoved = new Set<Y.Item>()
  readonly #commentsRemoved = new Map<Y.Item, number>()

  constructor(
    private readonly doc: Y.Doc,
    private readonly writer: CommentWriter,
    private readonly removals: readonly Removal[],
  ) {
    const seen = new Set<string>()
    for (const removal of removals) {
      const parent = removal.item.parent as Y.AbstractType<unknown>
      const spot = spotOf(parent, doc)
      if (spot.kind === 'threads') this.#threadsRemoved.add(removal.item)
      if (spot.kind !== 'comments') continue
      // A part may be listed twice (deleted and inside a removed thread): count it once.
      const part = `${removal.item.id.client}:${removal.item.id.clock}:${removal.offset}`
      if (seen.has(part)) continue
      seen.add(part)
      this.#commentsRemoved.set(
        spot.thread,
        (this.#commentsRemoved.get(spot.thread) ?? 0) + removal.length,
      )
    }
  }

  get moderations(): Moderation[] {
    return [...this.#moderations.values()]
  }

  get #moderates(): boolean {
    return commentModerators.includes(this.writer.role)
  }

  #moderation(thread: Y.Item): Moderation {
    let moderation = this.#moderations.get(thread)
    if (!moderation) {
      moderation = { threadId: thread.parentSub ?? '', threadRemoved: false, comments: [] }
      this.#moderations.set(thread, moderation)
    }
    return moderation
  }

  /** A thread left with no comment after this update is an empty shell anyone may clear. */
  #leftEmpty(thread: Y.Item): boolean {
    if (!(thread.content instanceof Y.ContentType)) return false
    const comments = liveEntry(thread.content.type, 'comments')
    if (!(comments?.content instanceof Y.ContentType)) return true
    const live = comments.content.type._length
    return live <= (this.#commentsRemoved.get(thread) ?? 0)
  }

  judge(): boolean {
    return this.removals.every((removal) => this.#mayRemove(removal))
  }

  #mayRemove(removal: Removal): boolean {
    const { item } = removal
    const spot = spotOf(item.parent as Y.AbstractType<unknown>, this.doc)
    switch (spot.kind) {
      case 'threads': {
        if (authorOf(item) === this.writer.id) return true
        if (!this.#moderates) return this.#leftEmpty(item)
        this.#moderation(item).threadRemoved = true
        return true
      }
      case 'thread': {
        if (item.parentSub === resolvedKey || this.#threadsRemoved.has(spot.thread)) return true
        return !authorKeys.has(item.parentSub ?? '') && authorOf(spot.thread) === this.writer.id
      }
      case 'comments': {
        for (const entry of entriesOf(removal)) {
          const authorId = authorIdOf(entry)
          if (authorId === this.writer.id) continue
          if (!this.#moderates) return false
          const id = CommentEntry.safeParse(entry).data?.id ?? ''
          const { comments } = this.#moderation(spot.thread)
          if (!comments.some((comment) => comment.id === id)) {
            comments.push({ id, authorId: authorId ?? '' })
          }
        }
        return true
      }
      case 'inside':
        return this.#threadsRemoved.has(spot.thread) || authorOf(spot.thread) === this.writer.id
      case 'elsewhere':
        return false
      default: {
        const unknownSpot: never = spot
        return unknownSpot
      }
    }
  }
}

/**
 * The rules of a comments room (a document's comments, a caucus's notes), applied to what an
 * update newly inserts, deletes and overwrites, never to what the room already holds:
 * - everything written in someone's name is written by them (id and displayed name), and who
 *   opened a thread is never rewritten;
 * - only its author edits or removes a comment, and only the thread's author edits or removes
 *   a thread (its passage, its quote); a thread left with no comments may be cleared by anyone;
 * - anyone who may comment resolves and reopens a thread;
 * - facilitators and mediators may remove anyone's comments and threads: those removals come
 *   back as moderations, for the audit log.
 */
export const judgeComments = (
  update: Uint8Array,
  doc: Y.Doc,
  writer: CommentWriter,
): CommentVerdict => {
  const changes = changesOf(update, doc)
  if (!changes) return { allowed: false, reason: 'the update holds changes that cannot be placed' }
  if (!changes.insertions.every((insertion) => mayInsert(insertion, doc, writer))) {
    return { allowed: false, reason: 'the update writes what only its author may write' }
  }
  const removals = new RemovalJudge(doc, writer, changes.removals)
  if (!removals.judge()) {
    return { allowed: false, reason: 'the update removes what only its author may remove' }
  }
  const wroteComment = changes.insertions.some((insertion) =>
    insertion.values?.some((value) => {
      const entry = CommentEntry.safeParse(value)
      return entry.success && entry.data.editedAt === undefined
    }),
  )
  return { allowed: true, moderations: removals.moderations, wroteComment }
}
