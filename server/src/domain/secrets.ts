import { createHash, randomBytes } from 'node:crypto'

/** A participant's bearer token: 256 random bits. Only its hash is ever stored. */
export const newToken = (): string => randomBytes(32).toString('base64url')

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

/** Identifiers for rows and rooms: 96 random bits, URL- and room-name-safe. */
export const newId = (): string => randomBytes(12).toString('base64url')

/** Invite codes are secrets until used: 128 random bits. */
export const newInviteCode = (): string => randomBytes(16).toString('base64url')
