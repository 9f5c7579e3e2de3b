import type { Database } from 'better-sqlite3'
import type {
  AgreementStatus,
  Signature,
  TermHistoryEntry,
  TermStatus,
} from '../../../shared/src/schema/mediation.js'
import type { AgreementContent, StoredAgreement } from '../../../shared/src/schema/stored.js'

export type { AgreementContent, StoredAgreement }

interface AgreementRow {
  id: string
  workspace_id: string
  session_id: string
  content: string
  amends: string | null
  status: AgreementStatus
  created_by: string
  created_at: string
  updated_at: string
  signed_at: string | null
}

const toAgreement = (row: AgreementRow): StoredAgreement => ({
  ...(JSON.parse(row.content) as AgreementContent),
  id: row.id,
  workspaceId: row.workspace_id,
  sessionId: row.session_id,
  amends: row.amends,
  status: row.status,
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
export class AgreementStore {
  constructor(private readonly db: Database) {}

  insert(agreement: StoredAgreement): void {
    this.db
      .prepare(
        `INSERT INTO agreement (id, workspace_id, session_id, content, amends, status, created_by,
                                created_at, updated_at, signed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      )
      .run(
        agreement.id,
        agreement.workspaceId,
        agreement.sessionId,
        contentJson(agreement),
        agreement.amends,
        agreement.status,
        agreement.createdBy,
        agreement.createdAt,
        agreement.updatedAt,
      )
  }

  /** Replaces a draft's content. The `status = 'draft'` guard keeps a signed one untouchable. */
  updateDraft(id: string, content: AgreementContent, at: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE agreement SET content = ?, updated_at = ? WHERE id = ? AND status = 'draft'`,
        )
        .run(contentJson(content), at, id).changes === 1
    )
  }

  markSigned(id: string, at: string): void {
    this.db
      .prepare(
        `UPDATE agreement SET status = 'signed', signed_at = ? WHERE id = ? AND status = 'draft'`,
      )
      .run(at, id)
  }

  find(id: string): StoredAgreement | undefined {
    const row = this.db.prepare('SELECT * FROM agreement WHERE id = ?').get(id) as
      | AgreementRow
      | undefined
    return row && toAgreement(row)
  }

  listBySession(sessionId: string): StoredAgreement[] {
    const rows = this.db
      .prepare('SELECT * FROM agreement WHERE session_id = ? ORDER BY created_at, id')
      .all(sessionId) as AgreementRow[]
    return rows.map(toAgreement)
  }

  listByWorkspace(workspaceId: string): StoredAgreement[] {
    const rows = this.db
      .prepare('SELECT * FROM agreement WHERE workspace_id = ? ORDER BY created_at, id')
      .all(workspaceId) as AgreementRow[]
    return rows.map(toAgreement)
  }

  /** The signed agreement amending this one, if any. */
  amendedBy(id: string): string | null {
    const row = this.db
      .prepare(`SELECT id FROM agreement WHERE amends = ? AND status = 'signed'`)
      .get(id) as { id: string } | undefined
    return row?.id ?? null
  }

  addSignature(agreementId: string, signature: Signature): void {
    this.db
      .prepare(
        `INSERT INTO signature (agreement_id, party_id, participant_id, name, party_name, signed_at,
                                text_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        agreementId,
        signature.partyId,
        signature.participantId,
        signature.name,
        signature.partyName,
        signature.signedAt,
        signature.textHash,
      )
  }

  /** Withdraws the signatures given to a draft's earlier text. */
  clearSignatures(agreementId: string): number {
    return this.db.prepare('DELETE FROM signature WHERE agreement_id = ?').run(agreementId).changes
  }

  signatures(agreementId: string): Signature[] {
    const rows = this.db
      .prepare('SELECT * FROM signature WHERE agreement_id = ? ORDER BY signed_at, party_id')
      .all(agreementId) as {
      party_id: string
      party_name: string
      participant_id: string
      name: string
      signed_at: string
      text_hash: string
    }[]
    return rows.map((row) => ({
      partyId: row.party_id,
      partyName: row.party_name,
      participantId: row.participant_id,
      name: row.name,
      signedAt: row.signed_at,
      textHash: row.text_hash,
    }))
  }

  addTermStatus(agreementId: string, termId: string, entry: TermHistoryEntry): void {
    this.db
      .prepare(
        `INSERT INTO term_status (agreement_id, term_id, sequence, status, note, participant_id,
                                  name, at)
         SELECT ?, ?, coalesce(max(sequence), 0) + 1, ?, ?, ?, ?, ?
         FROM term_status WHERE agreement_id = ? AND term_id = ?`,
      )
      .run(
        agreementId,
        termId,
        entry.status,
        entry.note,
        entry.participantId,
        entry.name,
        entry.at,
        agreementId,
        termId,
      )
  }

  /** Each term's status changes, oldest first. */
  termHistory(agreementId: string): Map<string, TermHistoryEntry[]> {
    const rows = this.db
      .prepare('SELECT * FROM term_status WHERE agreement_id = ? ORDER BY term_id, sequence')
      .all(agreementId) as {
      term_id: string
      status: TermStatus
      note: string
      participant_id: string
      name: string
      at: string
    }[]
    const history = new Map<string, TermHistoryEntry[]>()
    for (const row of rows) {
      const entries = history.get(row.term_id) ?? []
      entries.push({
        status: row.status,
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
