/** English for the text a proposal is on and a decision approved (session and public pages). */
export const approvedTextEn = {
  'approved.deciding': 'You are deciding on version {version} of “{plan}”, frozen at {time}.',
  'approved.decidingNoTitle':
    'You are deciding on version {version} of the plan, frozen at {time}.',
  'approved.unchanged': 'The live plan still reads exactly as this version.',
  'approved.movedOn':
    'The live plan has changed since this version was frozen. The decision binds the frozen version; what changed:',
  'approved.title': 'Approved text',
  'approved.version': 'Version {version}, frozen at {time}',
  'approved.hash': 'Content hash {hash}',
  'approved.hashMatches':
    'This browser recomputed the hash of the approved text: it matches the record.',
  'approved.hashDiffers':
    'This browser recomputed the hash of the approved text: it does not match the record.',
  'approved.hashAnonymised':
    'Names in this text are replaced, so its hash can be checked only in a named publication.',
  'approved.hashInsecure': 'This browser cannot compute hashes on this connection.',
  'approved.since': 'Difference from today’s plan',
  'approved.sinceSame': 'Today’s plan reads exactly as approved.',
  'approved.altered':
    'The stored text of this version does not match the hash in the record: it was altered after the decision.',
  'approved.missing': 'The approved text is not available.',
} as const
