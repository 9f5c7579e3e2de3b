import type { Selectable } from 'kysely'
import type {
  AgreementStatus,
  Signature,
  TermHistoryEntry,
  TermStatus,
} from '../../../../shared/src/schema/mediation.js'
import type { AgreementContent, StoredAgreement } from '../../../../shared/src/schema/stored.js'
import type { AgreementTable, Queries } from '../schema.js'

const toAgreement = (row: Selectable<AgreementTable>): StoredAgreement => ({
  ...(JSON.parse(row.content) as AgreementContent),
  id: row.id,
  workspaceId: row.workspace_id,
  sessionId: row.session_id,
  amends: row.amends,
  status: row.status as AgreementStatus,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  signedAt: row.signed_at,
})

const contentJson = (agreement: AgreementContent): string =>
  JSON.stringify({
    title: agreement.title,
    preamble: agreement.preamble,
    parties: agreement.parties,
    terms: agreement.terms,
    ...(agreement.language ? { language: agreement.language } : {}),
  })

/** Agreements, their signatures, and the status history of their terms. */
export class AgreementRepository {
  constructor(private readonly q: Queries) {}

  async insert(agreement: StoredAgreement): Promise<void> {
    await this.q.db
      .insertInto('agreement')
      .values({
        id: agreement.id,
        workspace_id: agreement.workspaceId,
        session_id: agreement.sessionId,
        content: contentJson(agreement),
        amends: agreement.amends,
        status: agreement.status,
        created_by: agreement.createdBy,
        created_at: agreement.createdAt,
        updated_at: agreement.updatedAt,
        signed_at: null,
      })
      .execute()
  }

  /** Replaces a draft's content. The `status = 'draft'` guard keeps a signed one untouchable. */
  async updateDraft(id: string, content: AgreementContent, at: string): Promise<boolean> {
    const result = await this.q.db
      .updateTable('agreement')
      .set({ content: contentJson(content), updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst()
    return result.numUpdatedRows === 1n
  }

  async markSigned(id: string, at: string): Promise<void> {
    await this.q.db
      .updateTable('agreement')
      .set({ status: 'signed', signed_at: at })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .execute()
  }

  async find(id: string): Promise<StoredAgreement | undefined> {
    const row = await this.q.db
      .selectFrom('agreement')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row && toAgreement(row)
  }

  async listBySession(sessionId: string): Promise<StoredAgreement[]> {
    return this.#listWhere('session_id', sessionId)
  }

  async listByWorkspace(workspaceId: string): Promise<StoredAgreement[]> {
    return this.#listWhere('workspace_id', workspaceId)
  }

  /** Every signed agreement of every workspace: what the term sweep looks through. */
  async listSigned(): Promise<StoredAgreement[]> {
    return this.#listWhere('status', 'signed')
  }

  async #listWhere(column: 'session_id' | 'workspace_id' | 'status', value: string) {
    const rows = await this.q.db
      .selectFrom('agreement')
      .selectAll()
      .where(column, '=', value)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(toAgreement)
  }

  /** The signed agreement amending this one, if any. */
  async amendedBy(id: string): Promise<string | null> {
    const row = await this.q.db
      .selectFrom('agreement')
      .select('id')
      .where('amends', '=', id)
      .where('status', '=', 'signed')
      .executeTakeFirst()
    return row?.id ?? null
  }

  async addSignature(agreementId: string, signature: Signature): Promise<void> {
    await this.q.db
      .insertInto('signature')
      .values({
        agreement_id: agreementId,
        party_id: signature.partyId,
        participant_id: signature.participantId,
        name: signature.name,
        party_name: signature.partyName,
        signed_at: signature.signedAt,
        text_hash: signature.textHash,
      })
      .execute()
  }

  /** Withdraws the signatures given to a draft's earlier text. */
  async clearSignatures(agreementId: string): Promise<number> {
    const result = await this.q.db
      .deleteFrom('signature')
      .where('agreement_id', '=', agreementId)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  async signatures(agreementId: string): Promise<Signature[]> {
    const rows = await this.q.db
      .selectFrom('signature')
      .selectAll()
      .where('agreement_id', '=', agreementId)
      .orderBy('signed_at')
      .orderBy('party_id')
      .execute()
    return rows.map((row) => ({
      partyId: row.party_id,
      partyName: row.party_name,
      participantId: row.participant_id,
      name: row.name,
      signedAt: row.signed_at,
      textHash: row.text_hash,
    }))
  }

  async addTermStatus(agreementId: string, termId: string, entry: TermHistoryEntry) {
    const last = await this.q.db
      .selectFrom('term_status')
      .select((eb) => eb.fn.max('sequence').as('sequence'))
      .where('agreement_id', '=', agreementId)
      .where('term_id', '=', termId)
      .executeTakeFirst()
    await this.q.db
      .insertInto('term_status')
      .values({
        agreement_id: agreementId,
        term_id: termId,
        sequence: Number(last?.sequence ?? 0) + 1,
        status: entry.status,
        note: entry.note,
        participant_id: entry.participantId,
        name: entry.name,
        at: entry.at,
      })
      .execute()
  }

  /** Each term's status changes, oldest first. */
  async termHistory(agreementId: string): Promise<Map<string, TermHistoryEntry[]>> {
    const rows = await this.q.db
      .selectFrom('term_status')
      .selectAll()
      .where('agreement_id', '=', agreementId)
      .orderBy('term_id')
      .orderBy('sequence')
      .execute()
    const history = new Map<string, TermHistoryEntry[]>()
    for (const row of rows) {
      const entries = history.get(row.term_id) ?? []
      entries.push({
        status: row.status as TermStatus,
        note: row.note,
        participantId: row.participant_id,
        name: row.name,
        at: row.at,
      })
      history.set(row.term_id, entries)
    }
    return history
  }
}
