import { CloseCode } from '../../../../shared/src/protocol/close-code.js'
import type {
  Caucus,
  Mediation,
  OpenCaucusBody,
  Party,
  PartyBody,
} from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type { Session } from '../../../../shared/src/schema/session.js'
import type { CaucusRecord } from '../../../../shared/src/schema/stored.js'
import { readThreads } from '../../../../shared/src/ydoc/comments.js'
import { fragmentToProseMirror } from '../../../../shared/src/ydoc/prosemirror-json.js'
import {
  boardRoomName,
  caucusNotesRoomName,
  caucusRoomName,
  RoomKind,
  textFragmentName,
} from '../../../../shared/src/ydoc/rooms.js'
import { DomainError } from '../domain-error.js'
import { mapInOrder } from '../in-order.js'
import { forbidden } from '../people-and-access/access-rule.js'
import { recordAudit } from '../people-and-access/audit.js'
import { toMarkdown } from '../plans-and-versions/plan-content/markdown.js'
import { storedRoomDoc } from '../plans-and-versions/room-content.js'
import type { LiveRooms, Stores } from '../ports.js'
import { newId } from '../secrets.js'
import type { Sessions } from '../sessions-and-decisions/sessions.js'
import { refuseMediation } from './mediation-rule.js'

/**
 * Who may enter a caucus, on the socket and in REST alike: its mediator (while still a mediator)
 * and its party's representatives.
 */
export const mayEnterCaucus = async (
  stores: Stores,
  caucus: Pick<CaucusRecord, 'mediatorId' | 'partyId'>,
  participant: Pick<Participant, 'id' | 'role'>,
): Promise<boolean> =>
  (participant.id === caucus.mediatorId && participant.role === 'mediator') ||
  (await stores.mediation.isMember(caucus.partyId, participant.id))

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
  async session(actor: Participant, sessionId: string): Promise<Session> {
    const { session } = await this.sessions.get(actor.workspaceId, sessionId)
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

  async view(actor: Participant, sessionId: string): Promise<Mediation> {
    const session = await this.session(actor, sessionId)
    return {
      sessionId,
      mediatorId: session.createdBy,
      boardRoom: boardRoomName(sessionId),
      parties: await this.stores.mediation.parties(sessionId),
      caucuses: await mapInOrder(
        await this.stores.mediation.caucuses(sessionId),
        async (caucus) => await this.#withEntry(caucus, actor),
      ),
    }
  }

  async parties(sessionId: string): Promise<Party[]> {
    return await this.stores.mediation.parties(sessionId)
  }

  async addParty(actor: Participant, sessionId: string, body: PartyBody): Promise<Party> {
    const session = await this.session(actor, sessionId)
    this.requireMediator(actor, session, 'name parties')
    const id = newId()
    await this.stores.transaction(async (tx) => {
      const memberIds = await this.#members(session, body.participantIds, id)
      await tx.mediation.insertParty(
        { id, sessionId, name: body.name, createdAt: new Date().toISOString() },
        memberIds,
      )
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'party.named',
        target: id,
        details: { sessionId, name: body.name, members: memberIds },
      })
    })
    return await this.#party(sessionId, id)
  }

  /**
   * Renames a party and sets its representatives. Someone taken out of the party is taken out of
   * its caucuses at once: their sockets there are closed, and they cannot come back.
   */
  async updateParty(
    actor: Participant,
    sessionId: string,
    partyId: string,
    body: PartyBody,
  ): Promise<Party> {
    const session = await this.session(actor, sessionId)
    this.requireMediator(actor, session, 'change parties')
    const before = await this.#party(sessionId, partyId)
    await this.stores.transaction(async (tx) => {
      const ids = await this.#members(session, body.participantIds, partyId)
      await tx.mediation.updateParty(partyId, sessionId, body.name, ids)
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'party.changed',
        target: partyId,
        details: { sessionId, name: body.name, members: ids },
      })
      const removed = before.members.filter((member) => !ids.includes(member.participantId))
      if (removed.length > 0) {
        const rooms = (await tx.mediation.caucusesOfParty(partyId)).flatMap((caucus) => [
          caucus.room,
          caucus.notesRoom,
        ])
        // Everyone reconnects, and the access check then keeps the removed members out.
        void tx.afterCommit(() =>
          this.live.closeRooms(rooms, CloseCode.permissionsChanged, 'the party changed'),
        )
      }
    })
    return await this.#party(sessionId, partyId)
  }

  async openCaucus(actor: Participant, sessionId: string, body: OpenCaucusBody): Promise<Caucus> {
    const session = await this.session(actor, sessionId)
    this.requireMediator(actor, session, 'open caucuses')
    const party = await this.#party(sessionId, body.partyId)
    const id = newId()
    await this.stores.transaction(async (tx) => {
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
      await tx.mediation.insertCaucus(record)
      await tx.documents.insertWorkspaceRoom(record.room, actor.workspaceId, RoomKind.caucus)
      await tx.documents.insertWorkspaceRoom(
        record.notesRoom,
        actor.workspaceId,
        RoomKind.caucusNotes,
      )
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'caucus.opened',
        target: id,
        details: { sessionId, partyId: party.id },
      })
    })
    return await this.caucus(actor, id)
  }

  /** A caucus, for its mediator and its party only: anyone else gets 403. */
  async caucus(actor: Participant, caucusId: string): Promise<Caucus> {
    const caucus = await this.stores.mediation.findCaucus(caucusId)
    const session = caucus && (await this.stores.sessions.find(caucus.sessionId))?.session
    if (!caucus || !session || session.workspaceId !== actor.workspaceId) {
      throw new DomainError('not_found', 'no such caucus')
    }
    if (!(await this.mayEnter(caucus, actor))) {
      throw forbidden('not_in_caucus', 'a caucus is open only to its mediator and its party')
    }
    return await this.#withEntry(caucus, actor)
  }

  /** Closes a caucus: its rooms stay, read-only, for the same people. */
  async closeCaucus(actor: Participant, caucusId: string): Promise<Caucus> {
    const caucus = await this.caucus(actor, caucusId)
    if (actor.id !== caucus.mediatorId || actor.role !== 'mediator') {
      throw forbidden('not_the_mediator', 'only the mediator of this caucus may close it')
    }
    if (caucus.status === 'closed') refuseMediation('caucus_closed', 'the caucus is already closed')
    await this.stores.transaction(async (tx) => {
      await tx.mediation.closeCaucus(caucusId, new Date().toISOString())
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'caucus.closed',
        target: caucusId,
      })
      // Open sockets reconnect and come back read-only.
      void tx.afterCommit(() =>
        this.live.closeRooms(
          [caucus.room, caucus.notesRoom],
          CloseCode.permissionsChanged,
          'closed',
        ),
      )
    })
    return await this.caucus(actor, caucusId)
  }

  /** The caucus's text as Markdown and its notes, for the same people who may enter it. */
  async caucusContent(actor: Participant, caucusId: string) {
    const caucus = await this.caucus(actor, caucusId)
    await this.live.commitPending()
    const textDoc = await storedRoomDoc(this.stores, caucus.room)
    const notesDoc = await storedRoomDoc(this.stores, caucus.notesRoom)
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

  async workspaceOfCaucus(caucusId: string): Promise<string | undefined> {
    const caucus = await this.stores.mediation.findCaucus(caucusId)
    return caucus && (await this.sessions.workspaceOf(caucus.sessionId))
  }

  async mayEnter(caucus: CaucusRecord, participant: Participant): Promise<boolean> {
    return await mayEnterCaucus(this.stores, caucus, participant)
  }

  /** A caucus as `actor` may see it: outside it, only that it meets (its title may say more). */
  async #withEntry(caucus: CaucusRecord, actor: Participant): Promise<Caucus> {
    const canEnter = await this.mayEnter(caucus, actor)
    return { ...caucus, title: canEnter ? caucus.title : null, canEnter }
  }

  async #party(sessionId: string, partyId: string): Promise<Party> {
    const party = (await this.stores.mediation.parties(sessionId)).find(
      (item) => item.id === partyId,
    )
    if (!party) throw new DomainError('not_found', 'no such party in this session')
    return party
  }

  /**
   * Checks that every member is in the workspace, is not the mediator (who stays neutral) and
   * represents no other party of the session.
   */
  async #members(session: Session, ids: readonly string[], partyId: string): Promise<string[]> {
    const unique = [...new Set(ids)]
    const unknown = (
      await mapInOrder(ids, async (id, index) =>
        (await this.stores.workspaces.findParticipant(session.workspaceId, id))
          ? []
          : [{ path: `participantIds.${index}`, message: 'not a participant of this workspace' }],
      )
    ).flat()
    if (unknown.length > 0) {
      throw new DomainError('bad_request', 'every representative must be in the workspace', unknown)
    }
    if (unique.includes(session.createdBy)) {
      refuseMediation('mediator_not_party', 'the mediator cannot represent a party')
    }
    const parties = await mapInOrder(
      unique,
      async (id) => await this.stores.mediation.partyOf(session.id, id),
    )
    const elsewhere = parties.filter((party) => party !== undefined && party !== partyId)
    if (elsewhere.length > 0) {
      refuseMediation('member_of_two_parties', 'a participant may represent only one party')
    }
    return unique
  }
}
