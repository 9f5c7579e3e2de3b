/* Mediation: parties, caucuses, agreements, signatures and the status of terms. */

export interface PartyTable {
  id: string
  session_id: string
  name: string
  created_at: string
}

export interface PartyMemberTable {
  party_id: string
  session_id: string
  participant_id: string
}

export interface CaucusTable {
  id: string
  session_id: string
  party_id: string
  title: string | null
  mediator_id: string
  opened_at: string
  closed_at: string | null
}

export interface AgreementTable {
  id: string
  workspace_id: string
  session_id: string
  content: string
  amends: string | null
  status: string
  created_by: string
  created_at: string
  updated_at: string
  signed_at: string | null
}

export interface SignatureTable {
  agreement_id: string
  party_id: string
  participant_id: string
  name: string
  party_name: string
  signed_at: string
  text_hash: string
}

export interface TermStatusTable {
  agreement_id: string
  term_id: string
  sequence: number
  status: string
  note: string
  participant_id: string
  name: string
  at: string
}

export interface MediationTables {
  party: PartyTable
  party_member: PartyMemberTable
  caucus: CaucusTable
  agreement: AgreementTable
  signature: SignatureTable
  term_status: TermStatusTable
}
