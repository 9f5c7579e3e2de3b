import { z } from 'zod'
import { LogCheck } from '../transparency/log-check.js'
import { Language } from './language.js'
import { type Role, StakeholderGroup } from './people.js'
import { multiLine, oneLine } from './text-line.js'

/** An id sent by a client: rows and rooms use short random ids. */
export const EntityId = z.string().min(1).max(64)
const Id = EntityId

/** A person inside a party, as they are named now. */
export const PartyMember = z.object({
  participantId: z.string(),
  name: z.string(),
  group: StakeholderGroup,
})
export type PartyMember = z.infer<typeof PartyMember>

/** One side of a mediation: an organisation or group, represented by some participants. */
export const Party = z.object({
  id: z.string(),
  sessionId: z.string(),
  name: z.string(),
  members: z.array(PartyMember),
  createdAt: z.string(),
})
export type Party = z.infer<typeof Party>

/** The members are the party's representatives: they enter its caucuses and sign for it. */
export const PartyBody = z.strictObject({
  name: oneLine(120),
  participantIds: z.array(Id).min(1).max(50),
})
export type PartyBody = z.infer<typeof PartyBody>

export const CaucusStatus = z.enum(['open', 'closed'])
export type CaucusStatus = z.infer<typeof CaucusStatus>

/**
 * A private meeting of the mediator with one party: a text room and a notes room only they may
 * open. That a caucus takes place is visible to the session; what is said in it is not.
 */
export const Caucus = z.object({
  id: z.string(),
  sessionId: z.string(),
  partyId: z.string(),
  partyName: z.string(),
  /** Null when the mediator gave none: clients show "Caucus with <party>" in their language. */
  title: z.string().nullable(),
  room: z.string(),
  notesRoom: z.string(),
  status: CaucusStatus,
  mediatorId: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  /** Whether the caller may enter (the mediator and the party's members). */
  canEnter: z.boolean(),
})
export type Caucus = z.infer<typeof Caucus>

export const OpenCaucusBody = z.strictObject({
  partyId: Id,
  title: oneLine(120).optional(),
})
export type OpenCaucusBody = z.infer<typeof OpenCaucusBody>

/**
 * Every change to the issues-and-options board. The board room is written by the server only,
 * which stamps each entry with its author and lets each party state only its own interests.
 */
/** Who may change the board; a party's interests are stated by its representatives or the mediator. */
export const boardWriters: readonly Role[] = ['facilitator', 'mediator', 'stakeholder']

export const BoardCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('issue.add'), title: oneLine(200) }),
  z.strictObject({ type: z.literal('issue.remove'), issueId: Id }),
  z.strictObject({
    type: z.literal('interest.set'),
    issueId: Id,
    partyId: Id,
    text: multiLine(2000),
  }),
  z.strictObject({
    type: z.literal('option.add'),
    issueId: Id,
    text: oneLine(1000),
  }),
  z.strictObject({ type: z.literal('option.remove'), issueId: Id, optionId: Id }),
])
export type BoardCommand = z.infer<typeof BoardCommand>

/** A mediation: its parties, caucuses and board room, seen by one participant. */
export const Mediation = z.object({
  sessionId: z.string(),
  mediatorId: z.string(),
  boardRoom: z.string(),
  parties: z.array(Party),
  caucuses: z.array(Caucus),
})
export type Mediation = z.infer<typeof Mediation>

/** Calendar date, `YYYY-MM-DD`: terms fall due on a day, not an instant. */
export const DueDate = z.iso.date()

export const TermInput = z.strictObject({
  text: oneLine(2000),
  ownerId: Id,
  dueDate: DueDate,
})
export type TermInput = z.infer<typeof TermInput>

export const AgreementTerm = z.object({
  id: z.string(),
  text: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  dueDate: z.string(),
})
export type AgreementTerm = z.infer<typeof AgreementTerm>

export const DraftAgreementBody = z.strictObject({
  title: oneLine(200),
  preamble: multiLine(5000).default(''),
  terms: z.array(TermInput).min(1).max(50),
  /** The signed agreement this one amends. */
  amends: Id.optional(),
})
export type DraftAgreementBody = z.input<typeof DraftAgreementBody>

export const EditAgreementBody = DraftAgreementBody.omit({ amends: true })
export type EditAgreementBody = z.input<typeof EditAgreementBody>

export const AgreementParty = z.object({
  id: z.string(),
  name: z.string(),
  members: z.array(PartyMember),
})
export type AgreementParty = z.infer<typeof AgreementParty>

export const Signature = z.object({
  partyId: z.string(),
  partyName: z.string(),
  participantId: z.string(),
  name: z.string(),
  signedAt: z.string(),
  /** SHA-256 of the agreement text the signer was shown (`agreementText`). */
  textHash: z.string(),
})
export type Signature = z.infer<typeof Signature>

export const SignBody = z.strictObject({
  textHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest'),
})
export type SignBody = z.infer<typeof SignBody>

export const TermStatus = z.enum(['open', 'done', 'missed'])
export type TermStatus = z.infer<typeof TermStatus>

export const TermStatusBody = z.strictObject({
  status: TermStatus,
  note: multiLine(1000).default(''),
})
export type TermStatusBody = z.input<typeof TermStatusBody>

export const TermHistoryEntry = z.object({
  status: TermStatus,
  note: z.string(),
  participantId: z.string(),
  name: z.string(),
  at: z.string(),
})
export type TermHistoryEntry = z.infer<typeof TermHistoryEntry>

/** Where a term of a signed agreement stands; `overdue` when still open after its due date. */
export const TermFollowUp = z.object({
  termId: z.string(),
  status: TermStatus,
  overdue: z.boolean(),
  history: z.array(TermHistoryEntry),
})
export type TermFollowUp = z.infer<typeof TermFollowUp>

export const AgreementStatus = z.enum(['draft', 'signed'])
export type AgreementStatus = z.infer<typeof AgreementStatus>

export const Agreement = z.object({
  id: z.string(),
  workspaceId: z.string(),
  sessionId: z.string(),
  title: z.string(),
  preamble: z.string(),
  parties: z.array(AgreementParty),
  terms: z.array(AgreementTerm),
  amends: z.string().nullable(),
  /** The signed agreement that amends this one, if any. */
  amendedBy: z.string().nullable(),
  status: AgreementStatus,
  /**
   * The language its text is written in, recorded inside that text; none for agreements drafted
   * before workspaces had a language (their text is in English, without the line).
   */
  language: Language.optional(),
  /** The exact text a signer is shown, and its SHA-256. */
  text: z.string(),
  textHash: z.string(),
  signatures: z.array(Signature),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  signedAt: z.string().nullable(),
  /** Its place in the workspace's record chain, once signed. */
  recordSequence: z.number().int().nullable(),
  followUp: z.array(TermFollowUp),
  /** Once signed: whether its rows match its log entries (what is shown is the log's account). */
  logCheck: LogCheck.nullable(),
})
export type Agreement = z.infer<typeof Agreement>

/** Why a mediation command does not fit its state: the `details.rule` of a 409 answer. */
export const MediationRule = z.enum([
  'agreement_signed',
  'agreement_amended',
  'not_signed',
  'party_already_signed',
  'text_changed',
  'amends_unsigned',
  'already_amended',
  'no_parties',
  'member_of_two_parties',
  'mediator_not_party',
  'caucus_closed',
  'not_mediation',
])
export type MediationRule = z.infer<typeof MediationRule>

/** The agreement as chained: what was signed, by whom, and the hashes that link it. */
export const AgreementRecord = z.object({
  kind: z.literal('agreement'),
  id: z.string(),
  workspaceId: z.string(),
  sequence: z.number().int(),
  sessionId: z.string(),
  title: z.string(),
  text: z.string(),
  textHash: z.string(),
  parties: z.array(z.object({ id: z.string(), name: z.string() })),
  terms: z.array(AgreementTerm),
  signatures: z.array(Signature),
  amends: z.string().nullable(),
  recordedAt: z.string(),
  previousHash: z.string(),
  hash: z.string(),
})
export type AgreementRecord = z.infer<typeof AgreementRecord>

export { agreementText } from './agreement-text.js'
