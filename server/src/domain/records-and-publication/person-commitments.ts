import { createHmac, randomBytes } from 'node:crypto'
import type { RecordPerson, Repositories, Stores } from '../ports.js'

/** The part of a transaction commitments are made in. */
type WithPeople = Pick<Repositories, 'recordPeople'>

/**
 * Commitments the record log names people (and notes that may name them) by: HMAC-SHA256 under a
 * random secret of the workspace, kept outside the log. Without the secret nobody can test a
 * guessed id or note against a record; with the table of names, a member's view shows who it is.
 */
export class PersonCommitments {
  constructor(private readonly stores: Stores) {}

  /**
   * The commitment for a participant, recording the name shown for it the first time (the name
   * a signed text was rendered with). Call inside the transaction that appends the record.
   */
  async person(
    tx: WithPeople,
    workspaceId: string,
    participantId: string,
    name: string,
  ): Promise<string> {
    const commitment = this.#hmac(
      await this.#secret(tx, workspaceId),
      `participant\0${participantId}`,
    )
    await tx.recordPeople.name(workspaceId, { commitment, participantId, name })
    return commitment
  }

  /** The commitment of a note: the log holds this, the note itself stays in its row. */
  async note(tx: WithPeople, workspaceId: string, note: string): Promise<string> {
    return this.#hmac(await this.#secret(tx, workspaceId), `note\0${note}`)
  }

  /**
   * How the rows' people and notes look committed, to compare with the log; undefined while the
   * workspace has no secret (then no record holds a commitment).
   */
  async reader(workspaceId: string): Promise<CommitmentReader | undefined> {
    const secret = await this.stores.recordPeople.secret(workspaceId)
    if (!secret) return undefined
    const people = new Map(
      (await this.stores.recordPeople.list(workspaceId)).map((person) => [
        person.commitment,
        person,
      ]),
    )
    return {
      person: (participantId) => this.#hmac(secret, `participant\0${participantId}`),
      note: (note) => this.#hmac(secret, `note\0${note}`),
      named: (commitment) => people.get(commitment),
      people: () => [...people.values()],
    }
  }

  async #secret(tx: WithPeople, workspaceId: string): Promise<Uint8Array> {
    const existing = await tx.recordPeople.secret(workspaceId)
    if (existing) return existing
    const secret = randomBytes(32)
    await tx.recordPeople.saveSecret(workspaceId, secret)
    return secret
  }

  #hmac(secret: Uint8Array, message: string): string {
    return createHmac('sha256', secret).update(message).digest('hex')
  }
}

/** Read-only commitments of one workspace, and who each names (absent once erased). */
export interface CommitmentReader {
  person(participantId: string): string
  note(note: string): string
  named(commitment: string): RecordPerson | undefined
  people(): RecordPerson[]
}
