import { z } from 'zod'
import { ErrorBody } from '../../../shared/src/errors.js'
import { ApprovedText } from '../../../shared/src/schema/approved-text.js'
import { RecordPeople } from '../../../shared/src/schema/record-chain.js'
import {
  type CreateSessionBody,
  DecisionRecord,
  Position,
  Session,
  type SessionCommand,
  SessionRule,
  SessionState,
  SessionSummary,
} from '../../../shared/src/schema/session.js'
import { SessionBalanceSummary, SessionEdits } from '../../../shared/src/schema/session-balance.js'
import { ApiError, request } from './http.js'

const workspaceBase = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}`
const sessionBase = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`
const SessionAnswer = z.object({ session: Session, state: SessionState })

export const fetchSessions = async (workspaceId: string) =>
  (
    await request(
      'GET',
      `${workspaceBase(workspaceId)}/sessions`,
      z.object({ sessions: z.array(SessionSummary) }),
    )
  ).sessions

export const fetchSession = (sessionId: string) =>
  request('GET', sessionBase(sessionId), SessionAnswer)

/** Opens a workshop or mediation (facilitators and mediators). */
export const createSession = (workspaceId: string, body: CreateSessionBody) =>
  request('POST', `${workspaceBase(workspaceId)}/sessions`, SessionAnswer, body)

/** A command the server refused: a 409 names the state-machine rule it broke. */
export class CommandError extends ApiError {
  constructor(
    code: ApiError['code'],
    message: string,
    status: number,
    readonly rule: SessionRule | undefined,
    details?: unknown,
  ) {
    super(code, message, status, details)
    this.name = 'CommandError'
  }
}

const RuleDetails = z.object({ rule: SessionRule })

/**
 * Sends one command. Written on `fetch` directly (not `request`) because a refusal's
 * `details.rule` is what the page explains to the person.
 */
export const sendCommand = async (
  sessionId: string,
  command: SessionCommand,
  /** Sent even as the page unloads (leaving the session). */
  options: { keepalive?: boolean } = {},
) => {
  let response: Response
  try {
    response = await fetch(`${sessionBase(sessionId)}/commands`, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: options.keepalive ?? false,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(command),
    })
  } catch {
    throw new CommandError('offline', 'the server cannot be reached', 0, undefined)
  }
  const json: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const error = ErrorBody.safeParse(json)
    if (!error.success) {
      throw new CommandError(
        'internal',
        `unexpected answer ${response.status}`,
        response.status,
        undefined,
      )
    }
    const details = RuleDetails.safeParse(error.data.error.details)
    throw new CommandError(
      error.data.error.code,
      error.data.error.message,
      response.status,
      details.success ? details.data.rule : undefined,
      error.data.error.details,
    )
  }
  return CommandAnswer.parse(json)
}

/** The state after a command, and the receipt of a position on an anonymous proposal. */
const CommandAnswer = z.object({ state: SessionState, receipt: z.string().optional() })
export type CommandAnswer = z.infer<typeof CommandAnswer>

// Per person too: on a device two people share, the second must neither see the first's position
// nor send their receipt (which the server refuses as not theirs).
const receiptKey = (participantId: string, proposalId: string) =>
  `mufakat.positionReceipt.${participantId}.${proposalId}`
/** `value` is missing while the first position's answer has not come (it may never: a reload). */
const KeptPosition = z.object({ receipt: z.string(), value: Position.optional() })

/** 24 random bytes, base64url: as hard to guess as the receipts the server makes. */
const newReceipt = (): string =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))
    .replaceAll('+', '-')
    .replaceAll('/', '_')

/**
 * This device's position on an anonymous proposal and its receipt: the only way to change it,
 * and what the page shows as "your position" (the room shows no one's).
 */
export const positionReceipt = {
  read: (participantId: string, proposalId: string): z.infer<typeof KeptPosition> | undefined => {
    const kept = KeptPosition.safeParse(
      JSON.parse(window.localStorage.getItem(receiptKey(participantId, proposalId)) ?? 'null'),
    )
    return kept.success ? kept.data : undefined
  },
  save: (participantId: string, proposalId: string, kept: z.infer<typeof KeptPosition>): void =>
    window.localStorage.setItem(receiptKey(participantId, proposalId), JSON.stringify(kept)),
  /**
   * The receipt to send with a position: the kept one, or a new one kept before it is sent, so a
   * first position whose answer is lost (a reload on a slow phone) is sent again as the same one.
   */
  toSend(participantId: string, proposalId: string): string {
    const kept = this.read(participantId, proposalId)
    if (kept) return kept.receipt
    const receipt = newReceipt()
    this.save(participantId, proposalId, { receipt })
    return receipt
  },
}

/** The workspace's decisions, with the names of the people they name by commitment. */
export const fetchDecisions = async (workspaceId: string) =>
  request(
    'GET',
    `${workspaceBase(workspaceId)}/decisions`,
    z.object({ decisions: z.array(DecisionRecord), people: RecordPeople }),
  )

/** Plan text edited while the session ran, by the writers' groups then. */
export const fetchSessionEdits = (sessionId: string) =>
  request('GET', `${sessionBase(sessionId)}/edits`, SessionEdits)

/** Every session's balance of voice, for the workspace view. */
export const fetchWorkspaceBalance = async (workspaceId: string) =>
  (
    await request(
      'GET',
      `${workspaceBase(workspaceId)}/balance`,
      z.object({ sessions: z.array(SessionBalanceSummary) }),
    )
  ).sessions

/** The minutes as Markdown: a plain link, the cookie authenticates the download. */
export const minutesUrl = (sessionId: string) => `${sessionBase(sessionId)}/minutes?format=md`

/** The plan text a decision approved and how today's plan differs from it. */
export const fetchApprovedText = (workspaceId: string, decisionId: string) =>
  request(
    'GET',
    `${workspaceBase(workspaceId)}/decisions/${encodeURIComponent(decisionId)}/approved-text`,
    ApprovedText,
  )
