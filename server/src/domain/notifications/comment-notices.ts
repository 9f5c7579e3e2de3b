import type * as Y from 'yjs'
import type { NotificationPlace } from '../../../../shared/src/schema/notification.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type { NewNotification } from '../../../../shared/src/schema/stored.js'
import { readThreads } from '../../../../shared/src/ydoc/comments.js'
import { RoomKind } from '../../../../shared/src/ydoc/rooms.js'
import type { Stores, Transaction } from '../ports.js'
import { mentionedIn } from './mentions.js'
import type { Notifications } from './notifications.js'

/** A comment's words as a notification shows them. */
const excerpt = (text: string): string => (text.length > 200 ? `${text.slice(0, 199)}…` : text)

/** What a comments room's accepted update wrote, heard as the update is stored. */
export interface CommentsWritten {
  room: string
  writer: Participant
  /** The room's document with the update applied. */
  doc: Y.Doc
  /** The ids of the comments the document held before the update. */
  before: ReadonlySet<string>
}

export interface CommentNoticesPort {
  /** Whether `participant` may open `room` (read it): nobody is told of what they cannot read. */
  mayOpen(participant: Participant, room: string): Promise<boolean>
}

/**
 * Mentions and replies in comments (a plan's comments, a caucus's notes). A comment's `@Name`
 * tells that member of the workspace; a comment in a thread tells whoever opened it or wrote in
 * it before. Either only if they may read the room: a mention of someone who cannot tells
 * nobody. Stored in the transaction that stores the comment, so a comment and its notifications
 * commit together.
 */
export class CommentNotices {
  constructor(
    private readonly stores: Stores,
    private readonly notifications: Notifications,
    private readonly port: CommentNoticesPort,
  ) {}

  async heard(tx: Transaction, written: CommentsWritten): Promise<void> {
    const { room, writer, doc, before } = written
    const place = await this.#placeOf(room)
    if (!place) return
    const people = await tx.workspaces.listParticipants(writer.workspaceId)
    const told: NewNotification[] = []
    for (const thread of readThreads(doc)) {
      for (const [index, comment] of thread.comments.entries()) {
        if (before.has(comment.id) || comment.authorId !== writer.id) continue
        const base = {
          workspaceId: writer.workspaceId,
          place: place.page === 'document' ? { ...place, threadId: thread.id } : place,
          actorName: writer.displayName,
          subject: excerpt(comment.text),
          key: `comment:${comment.id}`,
          createdAt: comment.createdAt,
        }
        const mentioned = new Set(mentionedIn(comment.text, people))
        const earlier = [
          thread.createdBy,
          ...thread.comments.slice(0, index).map((c) => c.authorId),
        ]
        const replied = earlier.filter((id) => !mentioned.has(id))
        for (const person of people) {
          if (person.id === writer.id) continue
          const kind = mentioned.has(person.id)
            ? 'mention'
            : replied.includes(person.id)
              ? 'reply'
              : undefined
          if (!kind || !(await this.port.mayOpen(person, room))) continue
          told.push({ ...base, kind, participantId: person.id })
        }
      }
    }
    await this.notifications.tell(tx, told)
  }

  async #placeOf(room: string): Promise<NotificationPlace | undefined> {
    const record = await this.stores.documents.findRoom(room)
    if (record?.kind === RoomKind.comments && record.documentId) {
      return { page: 'document', documentId: record.documentId }
    }
    if (record?.kind === RoomKind.caucusNotes) {
      return { page: 'caucus', caucusId: room.slice(RoomKind.caucusNotes.length + 1) }
    }
    return undefined
  }
}
