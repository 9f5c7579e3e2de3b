import type { Database } from 'better-sqlite3'
import type { Party, PartyMember } from '../../../shared/src/schema/mediation.js'
import type { StakeholderGroup } from '../../../shared/src/schema/people.js'
import type { CaucusRecord } from '../../../shared/src/schema/stored.js'
import { caucusNotesRoomName, caucusRoomName } from '../../../shared/src/ydoc/rooms.js'

export type { CaucusRecord }

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

const caucusSelect = `SELECT caucus.*, party.name AS party_name
  FROM caucus JOIN party ON party.id = caucus.party_id`

/** The parties of mediation sessions, their representatives, and their caucuses. */
export class MediationStore {
  constructor(private readonly db: Database) {}

  insertParty(party: Omit<Party, 'members'>, memberIds: readonly string[]): void {
    this.db
      .prepare('INSERT INTO party (id, session_id, name, created_at) VALUES (?, ?, ?, ?)')
      .run(party.id, party.sessionId, party.name, party.createdAt)
    this.#insertMembers(party.id, party.sessionId, memberIds)
  }

  /** Renames the party and replaces its members; call inside a transaction. */
  updateParty(partyId: string, sessionId: string, name: string, memberIds: readonly string[]) {
    this.db.prepare('UPDATE party SET name = ? WHERE id = ?').run(name, partyId)
    this.db.prepare('DELETE FROM party_member WHERE party_id = ?').run(partyId)
    this.#insertMembers(partyId, sessionId, memberIds)
  }

  #insertMembers(partyId: string, sessionId: string, memberIds: readonly string[]): void {
    const insert = this.db.prepare(
      'INSERT INTO party_member (party_id, session_id, participant_id) VALUES (?, ?, ?)',
    )
    for (const participantId of memberIds) insert.run(partyId, sessionId, participantId)
  }

  /** The session's parties in the order they were named, with their members as named now. */
  parties(sessionId: string): Party[] {
    const parties = this.db
      .prepare('SELECT * FROM party WHERE session_id = ? ORDER BY created_at, id')
      .all(sessionId) as { id: string; session_id: string; name: string; created_at: string }[]
    const members = this.db
      .prepare(
        `SELECT party_member.party_id, participant.id, participant.display_name,
                participant.stakeholder_group
         FROM party_member JOIN participant ON participant.id = party_member.participant_id
         WHERE party_member.session_id = ? ORDER BY participant.display_name, participant.id`,
      )
      .all(sessionId) as {
      party_id: string
      id: string
      display_name: string
      stakeholder_group: StakeholderGroup
    }[]
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
            group: member.stakeholder_group,
          }),
        ),
    }))
  }

  /** The party this participant represents in the session, if any. */
  partyOf(sessionId: string, participantId: string): string | undefined {
    const row = this.db
      .prepare('SELECT party_id FROM party_member WHERE session_id = ? AND participant_id = ?')
      .get(sessionId, participantId) as { party_id: string } | undefined
    return row?.party_id
  }

  isMember(partyId: string, participantId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM party_member WHERE party_id = ? AND participant_id = ?')
        .get(partyId, participantId) !== undefined
    )
  }

  insertCaucus(caucus: CaucusRecord): void {
    this.db
      .prepare(
        `INSERT INTO caucus (id, session_id, party_id, title, mediator_id, opened_at, closed_at)
         VALUES (?, ?, ?, ?, ?, ?, NULL)`,
      )
      .run(
        caucus.id,
        caucus.sessionId,
        caucus.partyId,
        caucus.title,
        caucus.mediatorId,
        caucus.openedAt,
      )
  }

  closeCaucus(id: string, at: string): void {
    this.db.prepare('UPDATE caucus SET closed_at = ? WHERE id = ?').run(at, id)
  }

  findCaucus(id: string): CaucusRecord | undefined {
    const row = this.db.prepare(`${caucusSelect} WHERE caucus.id = ?`).get(id) as
      | CaucusRow
      | undefined
    return row && toCaucus(row)
  }

  caucuses(sessionId: string): CaucusRecord[] {
    const rows = this.db
      .prepare(`${caucusSelect} WHERE caucus.session_id = ? ORDER BY caucus.opened_at, caucus.id`)
      .all(sessionId) as CaucusRow[]
    return rows.map(toCaucus)
  }

  caucusesOfParty(partyId: string): CaucusRecord[] {
    const rows = this.db
      .prepare(`${caucusSelect} WHERE caucus.party_id = ?`)
      .all(partyId) as CaucusRow[]
    return rows.map(toCaucus)
  }
}
