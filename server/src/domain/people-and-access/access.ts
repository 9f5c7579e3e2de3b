import type * as Y from 'yjs'
import { CloseCode } from '../../../../shared/src/protocol/close-code.js'
import type { Permission } from '../../../../shared/src/protocol/permission.js'
import {
  groupColor,
  type Participant,
  type PresenceUser,
  type Role,
} from '../../../../shared/src/schema/people.js'
import type { RoomRecord } from '../../../../shared/src/schema/stored.js'
import { readThreads } from '../../../../shared/src/ydoc/comments.js'
import { RoomKind, roomPermission } from '../../../../shared/src/ydoc/rooms.js'
import { DomainError } from '../domain-error.js'
import { mayEnterCaucus } from '../mediation-and-agreements/mediations.js'
import type { CommentsWritten } from '../notifications/comment-notices.js'
import { judgeComments } from '../plans-and-versions/comment-authorship.js'
import { judgeSuggestions } from '../plans-and-versions/suggestion-authorship.js'
import type { Stores } from '../ports.js'
import { hashToken } from '../secrets.js'
import { forbidden } from './access-rule.js'
import { recordAudit } from './audit.js'

/**
 * How long a name and group a participant left behind still count as theirs on a suggestion:
 * long enough for a device that was offline over a week or so to send what it holds, not so
 * long that someone moved out of a group goes on speaking for it.
 */
export const earlierIdentityCountsMs = 14 * 24 * 60 * 60 * 1000

/** A room's rules on one update: refused (with why) or accepted, maybe with an audit entry. */
export type UpdateJudge = (
  update: Uint8Array,
  doc: Y.Doc,
) => { refused: string } | { accepted: true; alongside?: () => Promise<void> }

export type RoomAccess =
  | {
      permission: Permission
      participant: Participant
      user: PresenceUser
      judge?: UpdateJudge
    }
  | {
      refused:
        | typeof CloseCode.unauthorized
        | typeof CloseCode.forbidden
        | typeof CloseCode.roomNotFound
      reason: string
    }

export const presenceUser = (participant: Participant): PresenceUser => ({
  id: participant.id,
  name: participant.displayName,
  group: participant.group,
  role: participant.role,
  color: groupColor[participant.group],
})

/** Who a token belongs to, and what they may do: the one place access is decided. */
export interface AccessOptions {
  /**
   * Hears the comments an accepted update to a comments room adds, inside the transaction that
   * stores the update (mentions and replies); a failure must not fail the update's commit.
   */
  commentsWritten?: (written: CommentsWritten) => Promise<void>
}

export class Access {
  constructor(
    private readonly stores: Stores,
    private readonly options: AccessOptions = {},
  ) {}

  /** The active participant holding `token`, if any. */
  async identify(token: string | undefined): Promise<Participant | undefined> {
    if (!token) return undefined
    return await this.stores.workspaces.findByTokenHash(hashToken(token))
  }

  /** The participant acting in `workspaceId`, or a 401/403 refusal. */
  async member(token: string | undefined, workspaceId: string): Promise<Participant> {
    const participant = await this.identify(token)
    if (!participant) throw new DomainError('unauthorized', 'a valid token is required')
    if (participant.workspaceId !== workspaceId) {
      throw forbidden('other_workspace', 'this token belongs to another workspace')
    }
    return participant
  }

  requireRole(participant: Participant, roles: readonly Role[], action: string): void {
    if (!roles.includes(participant.role)) {
      throw forbidden(
        'role_not_allowed',
        `only ${roles.join(' or ')} may ${action}`,
        participant.role,
      )
    }
  }

  /** The workspace a room belongs to, so the right cookie can be read for it. */
  async workspaceOfRoom(room: string): Promise<string | undefined> {
    return (await this.stores.documents.findRoom(room))?.workspaceId
  }

  /**
   * Access to a room on the socket. An unauthenticated caller learns nothing about which rooms
   * exist: the token is checked before the room.
   */
  async room(room: string, token: string | undefined): Promise<RoomAccess> {
    const participant = await this.identify(token)
    if (!participant)
      return { refused: CloseCode.unauthorized, reason: 'a valid token is required' }
    const record = await this.stores.documents.findRoom(room)
    if (!record) return { refused: CloseCode.roomNotFound, reason: 'no such room' }
    const opened = await this.#open(participant, record)
    if ('refused' in opened) return opened
    return {
      permission: opened.permission,
      participant,
      user: presenceUser(participant),
      ...(opened.suggestsOnly
        ? await this.#suggestions(participant)
        : this.#authorship(room, record.kind, participant)),
    }
  }

  /** Whether `participant` may open `room` at all (read it): whom a mention may reach. */
  async mayOpen(participant: Participant, room: string): Promise<boolean> {
    const record = await this.stores.documents.findRoom(room)
    return record !== undefined && !('refused' in (await this.#open(participant, record)))
  }

  async #open(
    participant: Participant,
    record: RoomRecord,
  ): Promise<
    { permission: Permission; suggestsOnly?: true } | Extract<RoomAccess, { refused: unknown }>
  > {
    if (record.workspaceId !== participant.workspaceId) {
      return { refused: CloseCode.forbidden, reason: 'this room belongs to another workspace' }
    }
    let permission = roomPermission(participant.role, record.kind)
    if (!permission) {
      return { refused: CloseCode.forbidden, reason: `a ${participant.role} may not open it` }
    }
    if (record.kind === RoomKind.caucus || record.kind === RoomKind.caucusNotes) {
      const caucus = await this.stores.mediation.findCaucus(
        record.name.slice(record.kind.length + 1),
      )
      if (!caucus || !(await mayEnterCaucus(this.stores, caucus, participant))) {
        return {
          refused: CloseCode.forbidden,
          reason: 'a caucus is open only to its mediator and its party',
        }
      }
      // A closed caucus keeps its text and notes, read-only, for the same people.
      if (caucus.status === 'closed') permission = 'read'
    }
    if (record.kind === RoomKind.text && participant.role === 'commenter' && record.documentId) {
      const document = await this.stores.documents.find(record.documentId)
      // Writing, but every update judged: suggestions in their own name, nothing else.
      if (document?.commentersMaySuggest) return { permission: 'write', suggestsOnly: true }
    }
    return { permission }
  }

  /**
   * A commenter suggesting in a plan: only suggestions in their own name get through, as they
   * are now or as they were (a name and group they had: a suggestion made offline before a
   * change of group arrives after it). A change of group closes their sockets, so this is read
   * again.
   */
  async #suggestions(participant: Participant): Promise<{ judge: UpdateJudge }> {
    const since = new Date(Date.now() - earlierIdentityCountsMs).toISOString()
    const suggester = {
      ...participant,
      earlier: await this.stores.workspaces.earlierIdentities(participant.id, since),
    }
    // A device's first words arrive once, on one socket: one crossing of someone else's each.
    let mayCross = true
    return {
      judge: (update, doc) => {
        const verdict = judgeSuggestions(update, doc, suggester, mayCross)
        if (!verdict.allowed) return { refused: verdict.reason }
        if (verdict.crossed) mayCross = false
        return { accepted: true }
      },
    }
  }

  /** Rooms whose entries carry their author judge every update before it is applied. */
  #authorship(room: string, kind: RoomKind, participant: Participant): { judge?: UpdateJudge } {
    // Comments carry their author: nobody may write, edit or remove one in someone else's name.
    if (kind !== RoomKind.comments && kind !== RoomKind.caucusNotes) return {}
    return {
      judge: (update, doc) => {
        const verdict = judgeComments(update, doc, participant)
        if (!verdict.allowed) return { refused: verdict.reason }
        const { moderations, wroteComment } = verdict
        const heard = wroteComment ? this.options.commentsWritten : undefined
        if (moderations.length === 0 && !heard) return { accepted: true }
        // Judged before the update is applied; stored (with these) once it has been.
        const before = new Set(readThreads(doc).flatMap((t) => t.comments.map((c) => c.id)))
        // Stored with the update that removes them, in the same transaction.
        const alongside = async () =>
          await this.stores.transaction(async (tx) => {
            for (const { threadId, threadRemoved, comments } of moderations) {
              await recordAudit(tx, {
                workspaceId: participant.workspaceId,
                actorId: participant.id,
                action: 'comments.moderated',
                target: threadId,
                details: { room, threadRemoved, comments },
              })
            }
            await heard?.({ room, writer: participant, doc, before })
          })
        return { accepted: true, alongside }
      },
    }
  }
}
