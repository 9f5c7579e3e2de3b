import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { ZodType } from 'zod'
import { ErrorBody } from '../../../shared/src/errors.js'
import type { Participant } from '../../../shared/src/schema/people.js'
import { DomainError } from '../domain/domain-error.js'
import type { MailAddresses } from '../domain/mail/mail-addresses.js'
import type { MailDigest } from '../domain/mail/mail-digest.js'
import type { Agreements } from '../domain/mediation-and-agreements/agreements.js'
import type { MediationBoard } from '../domain/mediation-and-agreements/mediation-board.js'
import type { Mediations } from '../domain/mediation-and-agreements/mediations.js'
import type { Notifications } from '../domain/notifications/notifications.js'
import type { Access } from '../domain/people-and-access/access.js'
import type { Invites } from '../domain/people-and-access/invites.js'
import type { SignIns } from '../domain/people-and-access/sign-ins.js'
import type { Workspaces } from '../domain/people-and-access/workspaces.js'
import type { Documents } from '../domain/plans-and-versions/documents.js'
import type { Versions } from '../domain/plans-and-versions/versions.js'
import type { PublicRecord } from '../domain/records-and-publication/public-record.js'
import type { RecordChain } from '../domain/records-and-publication/record-chain.js'
import type { RecordCheck } from '../domain/records-and-publication/record-check.js'
import type { TransparencyLog } from '../domain/records-and-publication/transparency-log.js'
import type { ApprovedTexts } from '../domain/sessions-and-decisions/approved-texts.js'
import type { Polls } from '../domain/sessions-and-decisions/polls.js'
import type { SessionBalances } from '../domain/sessions-and-decisions/session-balances.js'
import type { Sessions } from '../domain/sessions-and-decisions/sessions.js'
import type { Webhooks } from '../domain/webhooks/webhooks.js'
import type { RequestWindows } from '../limits/ports.js'
import type { TrustedProxies } from '../transport/client-address.js'
import { requestToken } from './credentials.js'
import type { OriginPolicy } from './origin-policy.js'

/** What the API routes work with. */
export interface ApiServices {
  access: Access
  workspaces: Workspaces
  invites: Invites
  /** Sign-in with the organisation's identity provider. */
  signIns: SignIns
  documents: Documents
  versions: Versions
  approvedTexts: ApprovedTexts
  sessions: Sessions
  polls: Polls
  /** Plan edits per session, and every session's balance of voice. */
  balances: SessionBalances
  chain: RecordChain
  /** The log and the signed agreements' rows against it. */
  recordCheck: RecordCheck
  log: TransparencyLog
  mediations: Mediations
  board: MediationBoard
  agreements: Agreements
  publicRecord: PublicRecord
  /** The caller's own notifications. */
  notifications: Notifications
  /** A facilitator's webhooks and their delivery logs. */
  webhooks: Webhooks
  /** Each person's own e-mail address and choices; the digest the operator may send now. */
  mail: { addresses: MailAddresses; digest: MailDigest }
  adminToken: string | undefined
  /** Base of links handed out (invite URLs); the request's own origin when unset. */
  publicUrl: string | undefined
  /** Which pages may make the browser change state here. */
  originPolicy: OriginPolicy
  /** Whose `X-Forwarded-For` tells the client's address to the rate limits. */
  trustedProxies: TrustedProxies
  /** Where the per-address request limits count: this process, or the cluster's Redis. */
  requestWindows: RequestWindows
  limits: {
    workspacesPerHour: number
    acceptsPerMinute: number
    publicReadsPerMinute: number
    mailAddressesPerHour: number
    bodyBytes: number
    agreementBodyBytes: number
  }
}

/** An OpenAPIHono whose validation failures answer 400 in the shared error shape. */
export const createApiRouter = (): OpenAPIHono =>
  new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) {
        throw new DomainError(
          'bad_request',
          'the request is not valid',
          result.error.issues.flatMap((issue) =>
            // One entry per unknown field, named by its own path, like every other field's.
            issue.code === 'unrecognized_keys'
              ? issue.keys.map((key) => ({
                  path: [...issue.path, key].join('.'),
                  message: 'unknown field',
                }))
              : [{ path: issue.path.join('.'), message: issue.message }],
          ),
        )
      }
    },
  })

export const jsonContent = <T extends ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
})

const errorContent = (description: string) => jsonContent(ErrorBody, description)

/** The error answers every authenticated route can give. */
export const authErrors = {
  400: errorContent('The request is not valid: `details` lists each field and what is wrong'),
  401: errorContent('No token, or a token that is not (or no longer) valid'),
  403: errorContent(
    'The token belongs to another workspace, the role may not do this, or a page of another origin sent the request; `details.rule` names the rule where there is one (docs/spec.md)',
  ),
  413: errorContent('The body is larger than its limit (`details.maxBytes`)'),
  404: errorContent('No such workspace, participant, invite or document'),
} as const

export const conflictError = {
  409: errorContent('The change would break a rule of the workspace, named in `details.rule`'),
}
export const goneError = { 410: errorContent('The invite was revoked, has expired or is used up') }
export const rateLimitedError = { 429: errorContent('Too many requests from this address') }

export const bearerSecurity = [{ bearer: [] }]

/**
 * The caller acting on a resource that belongs to `workspaceId` (undefined when there is no such
 * resource). A caller without a valid token gets 401 before learning whether the resource exists.
 */
export const actorOn = async (
  access: Access,
  c: Context,
  workspaceId: string | undefined,
  what: string,
): Promise<Participant> => {
  if (!workspaceId) {
    if (!(await access.identify(requestToken(c, '')))) {
      throw new DomainError('unauthorized', 'a valid token is required')
    }
    throw new DomainError('not_found', `no such ${what}`)
  }
  return await access.member(requestToken(c, workspaceId), workspaceId)
}
