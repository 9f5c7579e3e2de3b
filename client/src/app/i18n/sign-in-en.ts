/** Sign-in with the organisation's identity provider, in English (merged into `en`). */
export const signInEn = {
  'signIn.with': 'Sign in with {name}',
  'signIn.redirecting': 'Going to {name}…',
  'signIn.orInvite': 'Or join with your name below.',
  'signIn.joinHint':
    'If you have an account at {name}, sign in there: you join with this invite’s role, and later come back from any device by signing in again.',
  'signIn.returnHint': 'Joined before by signing in with {name}? Sign in again to come back.',
  'signIn.failed': 'The sign-in did not work. Try again.',
  'signIn.notAccepted': 'This workspace does not accept sign-in with {name}.',
  'signIn.sectionTitle': 'Sign-in with {name}',
  'signIn.accept': 'Accept sign-in with {name}',
  'signIn.acceptHint':
    'People who join through an invite may sign in with their {name} account; they keep their role and come back as themselves from any device. Invite links keep working for everyone else.',
  'signInFailed.title': 'You are not signed in',
  'signInFailed.denied': 'The sign-in was cancelled or refused at the identity provider.',
  'signInFailed.state_mismatch':
    'This sign-in was not started in this browser, took too long or was already used. Start again from the invite link or the workspace page.',
  'signInFailed.not_accepted': 'This workspace does not accept this identity provider (any more).',
  'signInFailed.no_invite':
    'You are signed in at the identity provider, but you have not joined this workspace. Open the invite link you received and sign in from there.',
  'signInFailed.invite_unusable':
    'The invite you came with has expired, was revoked or has been used up. Ask for a new one.',
  'signInFailed.removed':
    'You were removed from this workspace, so you cannot sign in to it. Ask its facilitator.',
  'signInFailed.provider_failed':
    'The identity provider’s answer could not be checked (or was used twice). Start again.',
  'signInFailed.unknown': 'The sign-in did not work. Start again.',
} as const
