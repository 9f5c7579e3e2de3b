import type { NotificationKind } from '../../../../shared/src/schema/notification.js'

/** What a mail says of each kind: a sentence naming who caused it, if anyone. */
type Told = Record<NotificationKind, (actor: string) => string>

/** Mails and the pages their links open, in English. */
export const mailWordsEn = {
  kinds: {
    mention: 'mentions of you',
    reply: 'replies in your threads',
    session_started: 'sessions starting',
    signature_needed: 'signatures needed',
    term_due: 'terms coming due',
    term_overdue: 'terms overdue',
    decision_recorded: 'decisions recorded',
  } satisfies Record<NotificationKind, string>,
  told: {
    mention: (actor) => `${actor} mentioned you`,
    reply: (actor) => `${actor} replied in your thread`,
    session_started: (actor) => `${actor} started a session`,
    signature_needed: () => 'Your signature is needed',
    term_due: () => 'A term you own is coming due',
    term_overdue: () => 'A term you own is overdue',
    decision_recorded: () => 'A decision was recorded in a session you attended',
  } satisfies Told as Told,
  someone: 'Someone',
  open: 'Open it in Mufakat',
  digestSubject: (workspace: string, count: number) =>
    `${workspace}: ${count} new ${count === 1 ? 'notification' : 'notifications'}`,
  digestIntro: 'Here is what is new for you since your last digest:',
  verifySubject: (workspace: string) => `Confirm your e-mail address for ${workspace}`,
  verifyIntro: (workspace: string) =>
    `Someone (we hope you) asked for the notifications of ${workspace} to be sent to this address.`,
  verifyAction: 'Confirm this address',
  verifyExpiry: (hours: number) =>
    `The link works once, for ${hours} hours. If you did not ask for this, ignore this mail: nothing else will be sent.`,
  why: (workspace: string) => `You get this mail because you chose to, in ${workspace}.`,
  stopKind: (kind: string) => `Stop mails about ${kind}`,
  stopAll: 'Stop all mail from this workspace',
  page: {
    verifyTitle: 'Confirm your e-mail address',
    verifyAsk: (address: string) => `Send this workspace's notifications to ${address}?`,
    verified: 'Your address is confirmed. You can close this page.',
    unsubscribeTitle: 'E-mail notifications',
    unsubscribeAsk: (kind: string) => `Stop the mails about ${kind}, or all mail?`,
    stoppedKind: (kind: string) => `Done: no more mails about ${kind}.`,
    stoppedAll: 'Done: no more mail from this workspace.',
    settingsHint: 'You can change this again in the workspace, under the bell.',
  },
  refused: {
    bad_request: 'This link is not complete. Copy the whole link from the mail.',
    not_found: 'This link is not known: the address may have been changed or removed since.',
    expired: 'This link has expired. Add your address again in the workspace for a new one.',
    used: 'This link was used already: the address is confirmed.',
  },
}

export type MailWords = typeof mailWordsEn
