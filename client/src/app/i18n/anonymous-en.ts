/** Anonymous positions on proposals, in English (merged into `en`). */
export const anonymousEn = {
  'anonymous.option': 'Anonymous positions (nobody, the facilitator included, sees who took which)',
  'anonymous.badge': 'Anonymous positions',
  'anonymous.notice':
    'Positions are anonymous: only counts are kept. They show once the facilitator reveals them.',
  'anonymous.reveal': 'Reveal the results',
  'anonymous.revealed': 'Results revealed. Nobody can see who took which position.',
  'anonymous.withheld':
    '{count} positions from small groups are counted in the total only, so nobody can be recognised.',
  'anonymous.reasons': 'Reasons given for Object and Block (without names)',
  'anonymous.noReasons': 'No reasons given.',
  'anonymous.groupPeople': '{count} people',
  'anonymous.changeHint': 'You can change your position: this device keeps your receipt.',
  'session.rule.already_responded':
    'You have already taken a position. Change it from the device you used.',
  'session.rule.anonymous_proposal':
    'On an anonymous proposal everyone takes their own position, and the neutral team takes none.',
  'session.rule.not_hidden': 'The results are not hidden.',
  'session.rule.reveal_first':
    'Reveal the results before adopting: the blocks and objections are confirmed by their counts.',
} as const
