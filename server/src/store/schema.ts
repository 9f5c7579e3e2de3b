import type { Generated, Kysely } from 'kysely'

/*
 * The tables as Kysely sees them, written once for both engines. Bytes come back as Buffer from
 * both drivers; 64-bit integers come back as numbers (the PostgreSQL pool parses int8 so).
 */

export interface RoomUpdateTable {
  id: Generated<number>
  room: string
  data: Uint8Array
  /** The room's commit number (NULL on rows from before numbering). */
  seq: number | null
}

export interface RoomSnapshotTable {
  room: string
  data: Uint8Array
  compacted_at: number
  /** The last commit number folded into it. */
  seq: Generated<number>
}

/** The last commit number each room has given. */
export interface RoomHeadTable {
  room: string
  seq: number
}

export interface WorkspaceTable {
  id: string
  name: string
  description: string
  created_at: string
  language: Generated<string>
}

export interface ParticipantTable {
  id: string
  workspace_id: string
  display_name: string
  stakeholder_group: string
  role: string
  token_hash: string
  joined_at: string
  removed_at: string | null
}

/** A workspace that accepts sign-in from an identity provider (issuer URL). */
export interface WorkspaceIssuerTable {
  workspace_id: string
  issuer: string
  accepted_at: string
  accepted_by: string
}

/** Whose identity at a provider a participant is. */
export interface ParticipantIdentityTable {
  workspace_id: string
  issuer: string
  subject: string
  participant_id: string
  bound_at: string
}

/** A name and group a participant had before their present one, and when it ended. */
export interface EarlierIdentityTable {
  participant_id: string
  display_name: string
  stakeholder_group: string
  until: string
}

/** A token a sign-in handed to one browser, besides the participant's own. */
export interface SignInTokenTable {
  token_hash: string
  participant_id: string
  created_at: string
}

/** A sign-in under way: what its callback must check, keyed by the hash of its cookie. */
export interface SignInAttemptTable {
  id_hash: string
  workspace_id: string
  issuer: string
  state: string
  nonce: string
  code_verifier: string
  invite_code: string | null
  display_name: string | null
  stakeholder_group: string | null
  created_at: number
}

export interface InviteTable {
  code: string
  workspace_id: string
  role: string
  stakeholder_group: string | null
  max_uses: number | null
  uses: Generated<number>
  expires_at: string | null
  revoked_at: string | null
  created_at: string
  created_by: string
}

export interface DocumentTable {
  id: string
  workspace_id: string
  title: string
  template: string
  archived: Generated<number>
  commenters_may_suggest: Generated<number>
  created_at: string
  created_by: string
}

export interface RoomTable {
  name: string
  workspace_id: string
  document_id: string | null
  kind: string
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

export interface VersionTable {
  id: string
  document_id: string
  name: string
  kind: string
  content_json: string
  content_hash: string
  ydoc: Uint8Array
  created_by: string
  created_at: string
  /** Insertion order: SQLite's implicit rowid, an identity column on PostgreSQL. */
  rowid: Generated<number>
}

export interface RoomActivityTable {
  room: string
  participant_id: string
  minute: number
  updates: number
}

export interface SessionTable {
  id: string
  workspace_id: string
  title: string
  kind: string
  agenda: string
  state: string
  created_by: string
  created_at: string
}

export interface SessionEventTable {
  session_id: string
  sequence: number
  event: string
}

export interface ChainRecordTable {
  id: string
  workspace_id: string
  sequence: number
  kind: Generated<string>
  record: string
  hash: string
}

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

export interface PublicationTable {
  workspace_id: string
  public_id: string
  anonymised: number
  published_at: string
}

export interface RoomWriterTable {
  room: string
  client: number
  participant_id: string | null
  stakeholder_group: string | null
}

export interface RoomDeletionTable {
  room: string
  client: number
  clock: number
  length: number
  participant_id: string | null
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

export interface PollTable {
  id: string
  session_id: string
  spec: string
  status: string
  ballot_key: Uint8Array | null
  created_by: string
  created_at: string
  closed_at: string | null
}

export interface PollAnswerTable {
  poll_id: string
  participant_id: string
  name: string
  grp: string
  answer: string
  at: string
}

export interface PollBallotTable {
  poll_id: string
  voter: string
}

export interface PollAnonymousAnswerTable {
  poll_id: string
  receipt: string
  grp: string
  answer: string
}

export interface AnonymousProposalTable {
  proposal_id: string
  session_id: string
  ballot_key: Uint8Array | null
}

export interface ProposalBallotTable {
  proposal_id: string
  voter: string
}

export interface AnonymousPositionTable {
  proposal_id: string
  receipt: string
  grp: string
  value: string
  reason: string | null
}

export interface PollIdeaTable {
  poll_id: string
  id: string
  text: string
  author_id: string | null
}

export interface RoomEditTable {
  room: string
  participant_id: string
  stakeholder_group: string
  minute: number
  added: number
  removed: number
}

export interface NotificationTable {
  id: Generated<number>
  workspace_id: string
  participant_id: string
  kind: string
  place: string
  actor_name: string | null
  subject: string
  key: string
  created_at: string
  read_at: string | null
}

export interface WebhookTable {
  id: string
  workspace_id: string
  url: string
  events: string
  secret: string
  /** The secret a roll replaced: it signs too, until `previous_secret_until` (ms). */
  previous_secret: string | null
  previous_secret_until: number | null
  created_by: string
  created_at: string
}

export interface WebhookDeliveryTable {
  id: string
  webhook_id: string
  event: string
  payload: string
  status: string
  attempts: number
  next_attempt_at: number | null
  last_status: number | null
  last_error: string | null
  created_at: string
  delivered_at: string | null
}

export interface MailAddressTable {
  participant_id: string
  workspace_id: string
  address: string
  link_base: string
  secret: string
  verify_hash: string
  verify_expires_at: number
  verified_at: string | null
  choices: string
  digest_after: number
  digest_at: string | null
}

export interface MailOutboxTable {
  id: string
  participant_id: string
  kind: string
  to_address: string
  message: string
  status: string
  attempts: number
  next_attempt_at: number | null
  last_error: string | null
  created_at: string
  sent_at: string | null
}

export interface Schema {
  mail_address: MailAddressTable
  mail_outbox: MailOutboxTable
  webhook: WebhookTable
  webhook_delivery: WebhookDeliveryTable
  notification: NotificationTable
  poll: PollTable
  poll_answer: PollAnswerTable
  poll_ballot: PollBallotTable
  poll_anonymous_answer: PollAnonymousAnswerTable
  poll_idea: PollIdeaTable
  anonymous_proposal: AnonymousProposalTable
  proposal_ballot: ProposalBallotTable
  anonymous_position: AnonymousPositionTable
  room_edit: RoomEditTable
  room_update: RoomUpdateTable
  room_snapshot: RoomSnapshotTable
  room_head: RoomHeadTable
  workspace: WorkspaceTable
  participant: ParticipantTable
  invite: InviteTable
  workspace_issuer: WorkspaceIssuerTable
  participant_identity: ParticipantIdentityTable
  earlier_identity: EarlierIdentityTable
  sign_in_token: SignInTokenTable
  sign_in_attempt: SignInAttemptTable
  document: DocumentTable
  room: RoomTable
  audit_entry: AuditEntryTable
  version: VersionTable
  room_activity: RoomActivityTable
  session: SessionTable
  session_event: SessionEventTable
  chain_record: ChainRecordTable
  party: PartyTable
  party_member: PartyMemberTable
  caucus: CaucusTable
  agreement: AgreementTable
  signature: SignatureTable
  term_status: TermStatusTable
  publication: PublicationTable
  room_writer: RoomWriterTable
  room_deletion: RoomDeletionTable
  log_checkpoint: LogCheckpointTable
  record_secret: RecordSecretTable
  record_person: RecordPersonTable
}

/** The two engines behind the storage seam. */
export const Engine = { sqlite: 'sqlite', postgres: 'postgres' } as const
export type Engine = (typeof Engine)[keyof typeof Engine]

/**
 * What every repository queries through: the unit of work's transaction when one is active in
 * this async context, else the database itself.
 */
export interface Queries {
  readonly db: Kysely<Schema>
  readonly engine: Engine
}

/** Bytes as both drivers bind them (pg binds a Buffer as bytea, not a bare Uint8Array). */
export const bytes = (data: Uint8Array): Buffer =>
  Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
