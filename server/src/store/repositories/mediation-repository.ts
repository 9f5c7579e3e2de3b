import type { Party, PartyMember } from '../../../../shared/src/schema/mediation.js'
import type { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import type { CaucusRecord } from '../../../../shared/src/schema/stored.js'
import { caucusNotesRoomName, caucusRoomName } from '../../../../shared/src/ydoc/rooms.js'
import type { Queries } from '../schema.js'

interface CaucusRow {
  id: string
  session_id: string
  party_id: string
  party_name: string
  title: string | null
  mediator_id: string
  opened_at: string
  closed_at: string | null
}

const toCaucus = (row: CaucusRow): CaucusRecord => ({
  id: row.id,
  sessionId: row.session_id,
  partyId: row.party_id,
  partyName: row.party_name,
  title: row.title,
  room: caucusRoomName(row.id),
  notesRoom: caucusNotesRoomName(row.id),
  status: row.closed_at ? 'closed' : 'open',
  mediatorId: row.mediator_id,
  openedAt: row.opened_at,
  closedAt: row.closed_at,
})

/** The parties of mediation sessions, their representatives, and their caucuses. */
export class MediationRepository {
  constructor(private readonly q: Queries) {}

  async insertParty(party: Omit<Party, 'members'>, memberIds: readonly string[]): Promise<void> {
    await this.q.db
      .insertInto('party')
      .values({
        id: party.id,
        session_id: party.sessionId,
        name: party.name,
        created_at: party.createdAt,
      })
      .execute()
    await this.#insertMembers(party.id, party.sessionId, memberIds)
  }

  /** Renames the party and replaces its members; call inside a unit of work. */
  async updateParty(
    partyId: string,
    sessionId: string,
    name: string,
    memberIds: readonly string[],
  ) {
    await this.q.db.updateTable('party').set({ name }).where('id', '=', partyId).execute()
    await this.q.db.deleteFrom('party_member').where('party_id', '=', partyId).execute()
    await this.#insertMembers(partyId, sessionId, memberIds)
  }

  async #insertMembers(partyId: string, sessionId: string, memberIds: readonly string[]) {
    if (memberIds.length === 0) return
    await this.q.db
      .insertInto('party_member')
      .values(
        memberIds.map((participantId) => ({
          party_id: partyId,
          session_id: sessionId,
          participant_id: participantId,
        })),
      )
      .execute()
  }

  /** The session's parties in the order they were named, with their members as named now. */
  async parties(sessionId: string): Promise<Party[]> {
    const parties = await this.q.db
      .selectFrom('party')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    const members = await this.q.db
      .selectFrom('party_member')
      .innerJoin('participant', 'participant.id', 'party_member.participant_id')
      .select([
        'party_member.party_id',
        'participant.id',
        'participant.display_name',
        'participant.stakeholder_group',
      ])
      .where('party_member.session_id', '=', sessionId)
      .orderBy('participant.display_name')
      .orderBy('participant.id')
      .execute()
    return parties.map((party) => ({
      id: party.id,
      sessionId: party.session_id,
      name: party.name,
      createdAt: party.created_at,
      members: members
        .filter((member) => member.party_id === party.id)
        .map(
          (member): PartyMember => ({
            participantId: member.id,
            name: member.display_name,
            group: member.stakeholder_group as StakeholderGroup,
          }),
        ),
    }))
  }

  /** The party this participant represents in the session, if any. */
  async partyOf(sessionId: string, participantId: string): Promise<string | undefined> {
    const row = await this.q.db
      .selectFrom('party_member')
      .select('party_id')
      .where('session_id', '=', sessionId)
      .where('participant_id', '=', participantId)
      .executeTakeFirst()
    return row?.party_id
  }

  async isMember(partyId: string, participantId: string): Promise<boolean> {
    const row = await this.q.db
      .selectFrom('party_member')
      .select('party_id')
      .where('party_id', '=', partyId)
      .where('participant_id', '=', participantId)
      .executeTakeFirst()
    return row !== undefined
  }

  async insertCaucus(caucus: CaucusRecord): Promise<void> {
    await this.q.db
      .insertInto('caucus')
      .values({
        id: caucus.id,
        session_id: caucus.sessionId,
        party_id: caucus.partyId,
        title: caucus.title,
        mediator_id: caucus.mediatorId,
        opened_at: caucus.openedAt,
        closed_at: null,
      })
      .execute()
  }

  async closeCaucus(id: string, at: string): Promise<void> {
    await this.q.db.updateTable('caucus').set({ closed_at: at }).where('id', '=', id).execute()
  }

  #caucuses() {
    return this.q.db
      .selectFrom('caucus')
      .innerJoin('party', 'party.id', 'caucus.party_id')
      .selectAll('caucus')
      .select('party.name as party_name')
  }

  async findCaucus(id: string): Promise<CaucusRecord | undefined> {
    const row = await this.#caucuses().where('caucus.id', '=', id).executeTakeFirst()
    return row && toCaucus(row)
  }

  async caucuses(sessionId: string): Promise<CaucusRecord[]> {
    const rows = await this.#caucuses()
      .where('caucus.session_id', '=', sessionId)
      .orderBy('caucus.opened_at')
      .orderBy('caucus.id')
      .execute()
    return rows.map(toCaucus)
  }

  async caucusesOfParty(partyId: string): Promise<CaucusRecord[]> {
    const rows = await this.#caucuses().where('caucus.party_id', '=', partyId).execute()
    return rows.map(toCaucus)
  }
}
