import type { Generated } from 'kysely'

/* The records: the per-workspace chain, its signed checkpoints, publication, the people a record names, and the audit trail. */

export interface ChainRecordTable {
  id: string
  workspace_id: string
  sequence: number
  kind: Generated<string>
  record: string
  hash: string
}

export interface LogCheckpointTable {
  id: Generated<number>
  workspace_id: string
  tree_size: number
  root_hash: string
  note: string
  signed_at: string
}

export interface RecordSecretTable {
  workspace_id: string
  secret: Uint8Array
}

export interface RecordPersonTable {
  workspace_id: string
  commitment: string
  participant_id: string
  name: string
}

export interface PublicationTable {
  workspace_id: string
  public_id: string
  anonymised: number
  published_at: string
}

export interface AuditEntryTable {
  id: Generated<number>
  workspace_id: string
  actor_id: string | null
  action: string
  target: string | null
  details: string
  at: string
}

export interface RecordTables {
  chain_record: ChainRecordTable
  log_checkpoint: LogCheckpointTable
  record_secret: RecordSecretTable
  record_person: RecordPersonTable
  publication: PublicationTable
  audit_entry: AuditEntryTable
}
