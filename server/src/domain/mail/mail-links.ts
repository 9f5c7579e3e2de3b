import { createHmac, timingSafeEqual } from 'node:crypto'
import { MailScope } from '../../../../shared/src/schema/mail.js'
import type { NotificationPlace } from '../../../../shared/src/schema/notification.js'
import type { StoredMailAddress } from '../../../../shared/src/schema/stored.js'

type Signer = Pick<StoredMailAddress, 'participantId' | 'secret'>

const signature = (signer: Signer, scope: MailScope): string =>
  createHmac('sha256', signer.secret)
    .update(`unsubscribe.${signer.participantId}.${scope}`)
    .digest('base64url')

/**
 * An unsubscribe link's token: whose, what it stops, and an HMAC keyed with the address's own
 * secret, so it works without signing in, cannot be made for anyone else, and dies with the
 * address (a new address has a new secret).
 */
export const unsubscribeToken = (signer: Signer, scope: MailScope): string =>
  `${signer.participantId}.${scope}.${signature(signer, scope)}`

export interface UnsubscribeClaim {
  participantId: string
  scope: MailScope
  signature: string
}

/** The parts of a token, or undefined when it is not shaped like one. */
export const readUnsubscribeToken = (token: string): UnsubscribeClaim | undefined => {
  const [participantId, scope, given, ...rest] = token.split('.')
  const parsed = MailScope.safeParse(scope)
  if (!participantId || !given || rest.length > 0 || !parsed.success) return undefined
  return { participantId, scope: parsed.data, signature: given }
}

export const unsubscribeHolds = (signer: Signer, claim: UnsubscribeClaim): boolean => {
  const expected = Buffer.from(signature(signer, claim.scope))
  const given = Buffer.from(claim.signature)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** The client's path of a notification's place (client/src/app/routes.ts has the same shapes). */
export const placePath = (workspaceId: string, place: NotificationPlace): string => {
  const workspace = `/w/${workspaceId}`
  switch (place.page) {
    case 'document':
      return `${workspace}/d/${place.documentId}`
    case 'session':
      return `${workspace}/s/${place.sessionId}`
    case 'agreement':
      return `${workspace}/a/${place.agreementId}`
    case 'caucus':
      return `${workspace}/c/${place.caucusId}`
    default: {
      const unknown: never = place
      return unknown
    }
  }
}

/** Where a person's mails link to: the places, and the unsubscribe page. */
export interface MailLinks {
  place(place: NotificationPlace): string
  stop(scope: MailScope): string
}

/**
 * PUBLIC_URL as configured now, so a server that moved (or an address added before it was set)
 * links to where people reach it; without it, the base stored with the address.
 */
export const mailLinks = (address: StoredMailAddress, publicUrl: string | undefined): MailLinks => {
  const base = publicUrl?.replace(/\/+$/, '') ?? address.linkBase
  return {
    place: (place) => `${base}${placePath(address.workspaceId, place)}`,
    stop: (scope) => `${base}/mail/unsubscribe?token=${unsubscribeToken(address, scope)}`,
  }
}
