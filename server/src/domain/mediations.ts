import { CloseCode } from '../../../shared/src/protocol/close-code.js'
import type {
  Caucus,
  Mediation,
  OpenCaucusBody,
  Party,
  PartyBody,
} from '../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../shared/src/schema/people.js'
import type { Session } from '../../../shared/src/schema/session.js'
import type { CaucusRecord } from '../../../shared/src/schema/stored.js'
import { readThreads } from '../../../shared/src/ydoc/comments.js'
import { fragmentToProseMirror } from '../../../shared/src/ydoc/prosemirror-json.js'
import {
  boardRoomName,
  caucusNotesRoomName,
  caucusRoomName,
  RoomKind,
  textFragmentName,
} from '../../../shared/src/ydoc/rooms.js'
import { forbidden } from './access-rule.js'
import { recordAudit } from './audit.js'
import { DomainError } from './domain-error.js'
import { refuseMediation } from './mediation-rule.js'
import { toMarkdown } from './plan-content/markdown.js'
import type { LiveRooms, Stores } from './ports.js'
import { storedRoomDoc } from './room-content.js'
import { newId } from './secrets.js'
import type { Sessions } from './sessions.js'

/**
 * Who may enter a caucus, on the socket and in REST alike: its mediator (while still a mediator)
 * and its party's representatives.
 */
export const mayEnterCaucus = (
  stores: Stores,
  caucus: Pick<CaucusRecord, 'mediatorId' | 'partyId'>,
  participant: Pick<Participant, 'id' | 'role'>,
): boolean =>
  (participant.id === caucus.mediatorId && participant.role === 'mediator') ||
  stores.mediation.isMember(caucus.partyId, participant.id)

/**
 * Mediation sessions: their parties, the private caucuses of the mediator with one party, and
 * the board room. The mediator is the mediator who opened the session.
 */
export class Mediations {
  constructor(
    private readonly stores: Stores,
    private readonly live: LiveRooms,
    private readonly sessions: Sessions,
  ) {}

  /** The mediation session, seen by a member of its workspace. */
  session(actor: Participant, sessionId: string): Session {
    const { session } = this.sessions.get(actor.workspaceId, sessionId)
    if (session.kind !== 'mediation') refuseMediation('not_mediation', 'this session is a workshop')
    return session
  }

  /** The mediator who opened the session, as long as they are still a mediator. */
  isMediator(actor: Participant, session: Session): boolean {
    return actor.id === session.createdBy && actor.role === 'mediator'
  }

  requireMediator(actor: Participant, session: Session, action: string): void {
    if (!this.isMediator(actor, session)) {
      throw forbidden(
        'not_the_mediator',
        `only the mediator of this session may ${action}`,
        actor.role,
      )
    }
  }

  view(actor: Participant, sessionId: string): Mediation {
    const session = this.session(actor, sessionId)
    return {
      sessionId,
      mediatorId: session.createdBy,
      boardRoom: boardRoomName(sessionId),
      parties: this.stores.mediation.parties(sessionId),
      caucuses: this.stores.mediation
        .caucuses(sessionId)
        .map((caucus) => this.#withEntry(caucus, actor)),
    }
  }

  parties(sessionId: string): Party[] {
    return this.stores.mediation.parties(sessionId)
  }

  addParty(actor: Participant, sessionId: string, body: PartyBody): Party {
    const session = this.session(actor, sessionId)
    this.requireMediator(actor, session, 'name parties')
    const id = newId()
    this.stores.transaction((tx) => {
      const memberIds = this.#members(session, body.participantIds, id)
      tx.mediation.insertParty(
        { id, sessionId, name: body.name, createdAt: new Date().toISOString() },
        memberIds,
      )
      recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'party.named',
        target: id,
        details: { sessionId, name: body.name, members: memberIds },
      })
    })
    return this.#party(sessionId, id)
  }

  /**
   * Renames a party and sets its representatives. Someone taken out of the party is taken out of
   * its caucuses at once: their sockets there are closed, and they cannot come back.
   */
  updateParty(actor: Participant, sessionId: string, partyId: string, body: PartyBody): Party {
    const session = this.session(actor, sessionId)
    this.requireMediator(actor, session, 'change parties')
    const before = this.#party(sessionId, partyId)
    this.stores.transaction((tx) => {
      const ids = this.#members(session, body.participantIds, partyId)
      tx.mediation.updateParty(partyId, sessionId, body.name, ids)
      recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'party.changed',
        target: partyId,
        details: { sessionId, name: body.name, members: ids },
      })
      const removed = before.members.filter((member) => !ids.includes(member.participantId))
      if (removed.length > 0) {
        const rooms = tx.mediation
          .caucusesOfParty(partyId)
          .flatMap((caucus) => [caucus.room, caucus.notesRoom])
        // Everyone reconnects, and the access check then keeps the removed members out.
        tx.afterCommit(() =>
          this.live.closeRooms(rooms, CloseCode.permissionsChanged, 'the party changed'),
        )
      }
    })
    return this.#party(sessionId, partyId)
  }

  openCaucus(actor: Participant, sessionId: string, body: OpenCaucusBody): Caucus {
    const session = this.session(actor, sessionId)
    this.requireMediator(actor, session, 'open caucuses')
    const party = this.#party(sessionId, body.partyId)
    const id = newId()
    this.stores.transaction((tx) => {
      const record: CaucusRecord = {
        id,
        sessionId,
        partyId: party.id,
        partyName: party.name,
        title: body.title ?? null,
        room: caucusRoomName(id),
        notesRoom: caucusNotesRoomName(id),
        status: 'open',
        mediatorId: actor.id,
        openedAt: new Date().toISOString(),
        closedAt: null,
      }
      tx.mediation.insertCaucus(record)
      tx.documents.insertWorkspaceRoom(record.room, actor.workspaceId, RoomKind.caucus)
      tx.documents.insertWorkspaceRoom(record.notesRoom, actor.workspaceId, RoomKind.caucusNotes)
      recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'caucus.opened',
        target: id,
        details: { sessionId, partyId: party.id },
      })
    })
    return this.caucus(actor, id)
  }

  /** A caucus, for its mediator and its party only: anyone else gets 403. */
  caucus(actor: Participant, caucusId: string): Caucus {
    const caucus = this.stores.mediation.findCaucus(caucusId)
    const session = caucus && this.stores.sessions.find(caucus.sessionId)?.session
    if (!caucus || !session || session.workspaceId !== actor.workspaceId) {
      throw new DomainError('not_found', 'no such caucus')
    }
    if (!this.mayEnter(caucus, actor)) {
      throw forbidden('not_in_caucus', 'a caucus is open only to its mediator and its party')
    }
    return this.#withEntry(caucus, actor)
  }

  /** Closes a caucus: its rooms stay, read-only, for the same people. */
  closeCaucus(actor: Participant, caucusId: string): Caucus {
    const caucus = this.caucus(actor, caucusId)
    if (actor.id !== caucus.mediatorId || actor.role !== 'mediator') {
      throw forbidden('not_the_mediator', 'only the mediator of this caucus may close it')
    }
    if (caucus.status === 'closed') refuseMediation('caucus_closed', 'the caucus is already closed')
    this.stores.transaction((tx) => {
      tx.mediation.closeCaucus(caucusId, new Date().toISOString())
      recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'caucus.closed',
        target: caucusId,
      })
      // Open sockets reconnect and come back read-only.
      tx.afterCommit(() =>
        this.live.closeRooms(
          [caucus.room, caucus.notesRoom],
          CloseCode.permissionsChanged,
          'closed',
        ),
      )
    })
    return this.caucus(actor, caucusId)
  }

  /** The caucus's text as Markdown and its notes, for the same people who may enter it. */
  caucusContent(actor: Participant, caucusId: string) {
    const caucus = this.caucus(actor, caucusId)
    this.live.commitPending()
    const textDoc = storedRoomDoc(this.stores, caucus.room)
    const notesDoc = storedRoomDoc(this.stores, caucus.notesRoom)
    try {
      return {
        markdown: toMarkdown(fragmentToProseMirror(textDoc.getXmlFragment(textFragmentName))),
        notes: readThreads(notesDoc).flatMap((thread) =>
          thread.comments.map((comment) => ({
            quote: thread.quote,
            author: comment.authorName,
            text: comment.text,
            at: comment.createdAt,
          })),
        ),
      }
    } finally {
      textDoc.destroy()
      notesDoc.destroy()
    }
  }

  workspaceOfCaucus(caucusId: string): string | undefined {
    const caucus = this.stores.mediation.findCaucus(caucusId)
    return caucus && this.sessions.workspaceOf(caucus.sessionId)
  }

  mayEnter(caucus: CaucusRecord, participant: Participant): boolean {
    return mayEnterCaucus(this.stores, caucus, participant)
  }

  /** A caucus as `actor` may see it: outside it, only that it meets (its title may say more). */
  #withEntry(caucus: CaucusRecord, actor: Participant): Caucus {
    const canEnter = this.mayEnter(caucus, actor)
    return { ...caucus, title: canEnter ? caucus.title : null, canEnter }
  }

  #party(sessionId: string, partyId: string): Party {
    const party = this.stores.mediation.parties(sessionId).find((item) => item.id === partyId)
    if (!party) throw new DomainError('not_found', 'no such party in this session')
    return party
  }

  /**
   * Checks that every member is in the workspace, is not the mediator (who stays neutral) and
   * represents no other party of the session.
   */
  #members(session: Session, ids: readonly string[], partyId: string) {
    const unique = [...new Set(ids)]
    const unknown = ids.flatMap((id, index) =>
      this.stores.workspaces.findParticipant(session.workspaceId, id)
        ? []
        : [{ path: `participantIds.${index}`, message: 'not a participant of this workspace' }],
    )
    if (unknown.length > 0) {
      throw new DomainError('bad_request', 'every representative must be in the workspace', unknown)
    }
    if (unique.includes(session.createdBy)) {
      refuseMediation('mediator_not_party', 'the mediator cannot represent a party')
    }
    const elsewhere = unique.filter((id) => {
      const party = this.stores.mediation.partyOf(session.id, id)
      return party !== undefined && party !== partyId
    })
    if (elsewhere.length > 0) {
      refuseMediation('member_of_two_parties', 'a participant may represent only one party')
    }
    return unique
  }
}
